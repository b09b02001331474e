package io.noterag.query.retrieval;

import java.time.Instant;
import java.util.Objects;

import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.vector.SearchFilter;

/**
 * What to retrieve for one question.
 *
 * @param technique how
 * @param topK how many chunks to keep (documents, for a document search)
 * @param denseWeight weight of the dense ranking in hybrid fusion
 * @param sparseWeight weight of the keyword ranking in hybrid fusion
 * @param filter what the caller may and wants to see; always carries the caller's
 * principals
 * @param rerank whether the reranker reorders the first candidates
 * @param mmr whether the chunks (documents) kept are chosen by maximal marginal relevance
 * rather than in ranking order
 * @param mmrLambda relevance against novelty in maximal marginal relevance, 0 to 1
 * @param neighborChunks chunks before and after each kept chunk added to its text for the
 * answer, 0 for none (not used by a document search)
 * @param fusion how hybrid search combines its rankings, {@code null} for the configured
 * {@code noterag.retrieval.fusion}
 * @param modelDeadline when a language model asked for variants or a hypothetical answer
 * must have answered, {@code null} for the model's own deadline
 */
public record RetrievalPlan(Technique technique, int topK, double denseWeight, double sparseWeight, SearchFilter filter,
		boolean rerank, boolean mmr, double mmrLambda, int neighborChunks, FusionMethod fusion, Instant modelDeadline) {

	public RetrievalPlan {
		Objects.requireNonNull(technique, "technique");
		Objects.requireNonNull(filter, "filter");
		if (filter.principals().isEmpty()) {
			throw new IllegalArgumentException("A search needs the caller's principals");
		}
		if (!(mmrLambda >= 0 && mmrLambda <= 1)) {
			throw new IllegalArgumentException("mmrLambda must be between 0 and 1, got " + mmrLambda);
		}
		if (neighborChunks < 0) {
			throw new IllegalArgumentException("neighborChunks must not be negative, got " + neighborChunks);
		}
	}

	/**
	 * A plan whose language model calls keep to the model's own deadline.
	 * @param technique how
	 * @param topK how many chunks to keep
	 * @param denseWeight weight of the dense ranking
	 * @param sparseWeight weight of the keyword ranking
	 * @param filter what the caller may and wants to see
	 * @param rerank whether the reranker reorders the first candidates
	 * @param mmr whether the chunks kept are chosen by maximal marginal relevance
	 * @param mmrLambda relevance against novelty in maximal marginal relevance
	 * @param neighborChunks chunks before and after each kept chunk for the answer
	 * @param fusion how hybrid search combines its rankings, or {@code null}
	 */
	public RetrievalPlan(Technique technique, int topK, double denseWeight, double sparseWeight, SearchFilter filter,
			boolean rerank, boolean mmr, double mmrLambda, int neighborChunks, FusionMethod fusion) {
		this(technique, topK, denseWeight, sparseWeight, filter, rerank, mmr, mmrLambda, neighborChunks, fusion, null);
	}

	/**
	 * A plan without reranking, diversification or neighbouring chunks.
	 * @param technique how
	 * @param topK how many chunks to keep
	 * @param denseWeight weight of the dense ranking
	 * @param sparseWeight weight of the keyword ranking
	 * @param filter what the caller may and wants to see
	 */
	public RetrievalPlan(Technique technique, int topK, double denseWeight, double sparseWeight, SearchFilter filter) {
		this(technique, topK, denseWeight, sparseWeight, filter, false, false, 1.0, 0, null, null);
	}

	/**
	 * A plan with the configured fusion.
	 * @param technique how
	 * @param topK how many chunks to keep
	 * @param denseWeight weight of the dense ranking
	 * @param sparseWeight weight of the keyword ranking
	 * @param filter what the caller may and wants to see
	 * @param rerank whether the reranker reorders the first candidates
	 * @param mmr whether the chunks kept are chosen by maximal marginal relevance
	 * @param mmrLambda relevance against novelty in maximal marginal relevance
	 * @param neighborChunks chunks before and after each kept chunk for the answer
	 */
	public RetrievalPlan(Technique technique, int topK, double denseWeight, double sparseWeight, SearchFilter filter,
			boolean rerank, boolean mmr, double mmrLambda, int neighborChunks) {
		this(technique, topK, denseWeight, sparseWeight, filter, rerank, mmr, mmrLambda, neighborChunks, null, null);
	}

	/**
	 * This plan with a deadline for its language model calls.
	 * @param deadline when the model must have answered, or {@code null}
	 * @return a new plan
	 */
	public RetrievalPlan withModelDeadline(Instant deadline) {
		return new RetrievalPlan(this.technique, this.topK, this.denseWeight, this.sparseWeight, this.filter,
				this.rerank, this.mmr, this.mmrLambda, this.neighborChunks, this.fusion, deadline);
	}

}
