/**
 * The data-source plugin contract: what each source type's configuration looks like and
 * how it is checked, shared by document-service (which validates a source when it is
 * registered) and indexing-worker (which reads it).
 */
package io.noterag.shared.source;
