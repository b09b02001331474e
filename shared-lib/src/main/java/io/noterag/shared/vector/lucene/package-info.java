/**
 * The embedded {@link io.noterag.shared.vector.VectorStore} adapter: an Apache Lucene
 * index in a local directory (HNSW dense vectors plus a BM25 field, fused by weighted
 * reciprocal rank), written by one process and read by any number of others, configured
 * by {@code noterag.vector-store.*} through
 * {@link io.noterag.shared.vector.lucene.LuceneVectorStoreAutoConfiguration}.
 */
package io.noterag.shared.vector.lucene;
