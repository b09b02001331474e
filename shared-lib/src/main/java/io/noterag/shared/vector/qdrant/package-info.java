/**
 * The production {@link io.noterag.shared.vector.VectorStore} adapter: a Qdrant
 * collection over gRPC ({@code io.qdrant:client}) with a named dense vector, an IDF
 * sparse vector built from the Lucene adapter's analysed terms, payload indexes on every
 * filter field, and the Lucene adapter's weighted reciprocal rank fusion, configured by
 * {@code noterag.vector-store.type=qdrant} and {@code noterag.vector-store.qdrant.*}
 * through {@link io.noterag.shared.vector.qdrant.QdrantVectorStoreAutoConfiguration}.
 * Differences in ranking from the Lucene adapter are listed in {@code docs/qdrant.md}.
 */
package io.noterag.shared.vector.qdrant;
