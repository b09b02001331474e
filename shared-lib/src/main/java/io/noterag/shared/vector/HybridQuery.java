package io.noterag.shared.vector;

import java.util.Objects;

/**
 * A hybrid search: dense and keyword candidates fused by weighted reciprocal rank.
 *
 * @param text the query text for the keyword side
 * @param vector the query embedding for the dense side
 * @param topK how many fused results to return
 * @param candidates how many candidates each side contributes before fusion
 * @param denseWeight weight of the dense ranking, 0 or more
 * @param sparseWeight weight of the keyword ranking, 0 or more
 * @param rrfK the constant k of reciprocal rank fusion
 * @param filter what may be returned
 */
public record HybridQuery(String text, float[] vector, int topK, int candidates, double denseWeight,
		double sparseWeight, int rrfK, SearchFilter filter) {

	public HybridQuery {
		Objects.requireNonNull(filter, "filter");
		if (topK < 1 || candidates < topK) {
			throw new IllegalArgumentException("Need 1 <= topK <= candidates, got " + topK + " and " + candidates);
		}
		if (denseWeight < 0 || sparseWeight < 0 || denseWeight + sparseWeight == 0) {
			throw new IllegalArgumentException("Weights must be non-negative and not both zero");
		}
	}

}
