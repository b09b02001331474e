package io.noterag.query.retrieval;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.noterag.shared.vector.FusionMethod;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retrieval defaults and limits.
 *
 * @param candidates how many candidates each ranking contributes before fusion
 * @param fusion how hybrid search combines its rankings by default: {@code convex}
 * (weighted sum of min-max normalised scores) or {@code rrf} (weighted reciprocal rank)
 * @param rrfK the constant k of reciprocal rank fusion
 * @param denseWeight default weight of the dense ranking
 * @param sparseWeight default weight of the keyword ranking
 * @param defaultTopK chunks handed to the answerer when the request does not say
 * @param maxTopK the largest {@code top_k} a request may ask for
 * @param maxChunksPerDocument at most this many chunks of one document, for diversity
 * @param maxCandidates the most candidates a document search asks each ranking for (it
 * asks for more than {@code candidates} to fill its limit with distinct documents)
 * @param queryVariants the most variants of a question (the question included) that
 * {@code multi_query} and {@code rag_fusion} search with
 * @param mmrLambda default {@code mmr_lambda}: the weight of relevance against novelty in
 * maximal marginal relevance, 1 is relevance only
 * @param neighborChunks default {@code neighbor_chunks}: chunks before and after each
 * retrieved chunk added to the text the answer is written from
 * @param maxNeighborChunks the largest {@code neighbor_chunks} a request may ask for
 * @param rerank reranking of the first-stage candidates
 */
@Validated
@ConfigurationProperties(prefix = "noterag.retrieval")
public record RetrievalProperties(@Min(1) @Max(1000) @DefaultValue("50") int candidates,
		@NotNull @DefaultValue("convex") FusionMethod fusion, @Min(1) @DefaultValue("20") int rrfK,
		@DecimalMin("0") @DefaultValue("0.65") double denseWeight,
		@DecimalMin("0") @DefaultValue("0.35") double sparseWeight, @Min(1) @DefaultValue("5") int defaultTopK,
		@Min(1) @DefaultValue("20") int maxTopK, @Min(1) @DefaultValue("2") int maxChunksPerDocument,
		@Min(1) @Max(5000) @DefaultValue("500") int maxCandidates,
		@Min(1) @Max(10) @DefaultValue("3") int queryVariants,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.7") double mmrLambda,
		@Min(0) @DefaultValue("0") int neighborChunks, @Min(0) @Max(10) @DefaultValue("2") int maxNeighborChunks,
		@Valid @DefaultValue Rerank rerank) {

	@AssertTrue(message = "need default-top-k <= max-top-k <= candidates <= max-candidates, "
			+ "dense-weight + sparse-weight > 0 and neighbor-chunks <= max-neighbor-chunks")
	public boolean isConsistent() {
		return this.defaultTopK <= this.maxTopK && this.maxTopK <= this.candidates
				&& this.candidates <= this.maxCandidates && this.denseWeight + this.sparseWeight > 0
				&& this.neighborChunks <= this.maxNeighborChunks;
	}

	/**
	 * Reranking: the first candidates of the first-stage search scored again by the
	 * {@link io.noterag.shared.rerank.Reranker} (configured by {@code noterag.rerank.*}).
	 *
	 * @param enabled default {@code rerank} of a request
	 * @param candidates how many of the first-stage hits are reranked; the rest keep
	 * their order after them
	 */
	public record Rerank(@DefaultValue("false") boolean enabled,
			@Min(1) @Max(1000) @DefaultValue("50") int candidates) {
	}

}
