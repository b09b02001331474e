/**
 * The {@link io.noterag.shared.vector.VectorStore} port: chunks with their dense vector,
 * their text for keyword (BM25 or sparse) search, their filterable fields and the
 * principals allowed to read them; and its adapters, chosen by
 * {@code noterag.vector-store.type}.
 */
package io.noterag.shared.vector;
