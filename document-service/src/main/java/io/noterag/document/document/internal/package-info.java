/**
 * Storage of documents' metadata in SQL: the atomic upsert, and reads filtered by the
 * readers of each document's data source.
 */
package io.noterag.document.document.internal;
