/**
 * How this service stores what it keeps: JSONB columns of entities are read and written
 * with Jackson 3 (Hibernate only knows Jackson 2 by itself), and pages are requested by
 * offset and limit, as the API takes them.
 */
package io.noterag.document.persistence;
