package io.noterag.query.retrieval;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retrieval defaults and limits.
 *
 * @param candidates how many candidates each ranking contributes before fusion
 * @param rrfK the constant k of reciprocal rank fusion
 * @param denseWeight default weight of the dense ranking
 * @param sparseWeight default weight of the keyword ranking
 * @param defaultTopK chunks handed to the answerer when the request does not say
 * @param maxTopK the largest {@code top_k} a request may ask for
 * @param maxChunksPerDocument at most this many chunks of one document, for diversity
 * @param maxCandidates the most candidates a document search asks each ranking for (it
 * asks for more than {@code candidates} to fill its limit with distinct documents)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.retrieval")
public record RetrievalProperties(@Min(1) @Max(1000) @DefaultValue("50") int candidates,
		@Min(1) @DefaultValue("20") int rrfK, @DecimalMin("0") @DefaultValue("1.0") double denseWeight,
		@DecimalMin("0") @DefaultValue("0.5") double sparseWeight, @Min(1) @DefaultValue("5") int defaultTopK,
		@Min(1) @DefaultValue("20") int maxTopK, @Min(1) @DefaultValue("2") int maxChunksPerDocument,
		@Min(1) @Max(5000) @DefaultValue("500") int maxCandidates) {

	@AssertTrue(
			message = "need default-top-k <= max-top-k <= candidates <= max-candidates and dense-weight + sparse-weight > 0")
	public boolean isConsistent() {
		return this.defaultTopK <= this.maxTopK && this.maxTopK <= this.candidates
				&& this.candidates <= this.maxCandidates && this.denseWeight + this.sparseWeight > 0;
	}

}
