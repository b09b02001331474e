/**
 * Persistence support shared by the services that own a schema: JSON columns mapped with
 * Jackson 3.
 */
package io.noterag.shared.persistence;
