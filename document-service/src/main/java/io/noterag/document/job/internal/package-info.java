/**
 * Storage of sync jobs: the entity, its repository and the mapping of states to the
 * column values.
 */
package io.noterag.document.job.internal;
