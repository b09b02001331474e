package io.noterag.shared.vector;

/**
 * A search hit.
 *
 * @param chunk the chunk (its vector is not loaded)
 * @param score the adapter's score for this search: cosine similarity for dense search,
 * BM25 for keyword search, the fused score for hybrid search; higher is better
 */
public record ScoredChunk(ChunkRecord chunk, double score) {
}
