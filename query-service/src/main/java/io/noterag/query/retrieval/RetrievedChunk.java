package io.noterag.query.retrieval;

import io.noterag.shared.vector.ChunkRecord;

/**
 * A chunk found for a question.
 *
 * @param chunk the chunk; for an answer with neighbouring chunks, its text includes
 * theirs while its id, index and heading stay the retrieved chunk's
 * @param score the first-stage retrieval score: fused (reciprocal rank) for hybrid search
 * and its variants, cosine similarity for dense, BM25 for sparse
 * @param rank its place in the final ranking (after reranking), from 0
 * @param rerankScore the reranker's score, {@code null} when it was not reranked
 */
public record RetrievedChunk(ChunkRecord chunk, double score, int rank, Double rerankScore) {

	/**
	 * A chunk that was not reranked.
	 * @param chunk the chunk
	 * @param score its retrieval score
	 * @param rank its place in the ranking
	 */
	public RetrievedChunk(ChunkRecord chunk, double score, int rank) {
		this(chunk, score, rank, null);
	}

}
