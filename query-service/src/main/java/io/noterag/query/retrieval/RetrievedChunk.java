package io.noterag.query.retrieval;

import io.noterag.shared.vector.ChunkRecord;

/**
 * A chunk found for a question.
 *
 * @param chunk the chunk
 * @param score the retrieval score: fused (reciprocal rank) for hybrid search, cosine
 * similarity for dense, BM25 for sparse
 * @param rank its place in the retrieval ranking, from 0
 */
public record RetrievedChunk(ChunkRecord chunk, double score, int rank) {
}
