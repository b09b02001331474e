package io.noterag.query.retrieval;

import java.util.List;

/**
 * The outcome of retrieval.
 *
 * @param chunks the chunks kept, best first
 * @param candidates how many hits the store returned before diversity and top k
 * @param embeddingModel the model that embedded the question, {@code null} when it was
 * not embedded
 * @param reranker the reranker that reordered the candidates, {@code null} when none did
 * (not asked for, or it failed)
 * @param degraded whether a step was skipped because it failed (the reranker)
 */
public record Retrieval(List<RetrievedChunk> chunks, int candidates, String embeddingModel, String reranker,
		boolean degraded) {

	public Retrieval {
		chunks = List.copyOf(chunks);
	}

	/**
	 * A retrieval without reranking.
	 * @param chunks the chunks kept
	 * @param candidates hits before diversity and top k
	 * @param embeddingModel the embedding model, or {@code null}
	 */
	public Retrieval(List<RetrievedChunk> chunks, int candidates, String embeddingModel) {
		this(chunks, candidates, embeddingModel, null, false);
	}

}
