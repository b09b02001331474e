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
 * @param degraded whether a step was skipped or replaced because it failed (the reranker,
 * the language model writing variants or a hypothetical answer)
 * @param variantsGenerator who wrote the searches of {@code multi_query} and
 * {@code rag_fusion}: {@code rules} or the language model as {@code provider:model};
 * {@code null} for the other techniques
 * @param hypotheticalAnswerGenerator the language model that wrote the passage
 * {@code hyde} searched with, {@code null} when none did
 */
public record Retrieval(List<RetrievedChunk> chunks, int candidates, String embeddingModel, String reranker,
		boolean degraded, String variantsGenerator, String hypotheticalAnswerGenerator) {

	public Retrieval {
		chunks = List.copyOf(chunks);
	}

	/**
	 * A retrieval that searched with the question alone.
	 * @param chunks the chunks kept
	 * @param candidates hits before diversity and top k
	 * @param embeddingModel the embedding model, or {@code null}
	 * @param reranker the reranker, or {@code null}
	 * @param degraded whether a step failed
	 */
	public Retrieval(List<RetrievedChunk> chunks, int candidates, String embeddingModel, String reranker,
			boolean degraded) {
		this(chunks, candidates, embeddingModel, reranker, degraded, null, null);
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
