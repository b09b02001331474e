package io.noterag.shared.vector;

import java.util.Objects;

/**
 * A hybrid search: dense and keyword candidates fused by weighted reciprocal rank or by a
 * weighted sum of normalised scores.
 *
 * @param text the query text for the keyword side
 * @param vector the query embedding for the dense side
 * @param topK how many fused results to return
 * @param candidates how many candidates each side contributes before fusion
 * @param denseWeight weight of the dense ranking, 0 or more
 * @param sparseWeight weight of the keyword ranking, 0 or more
 * @param rrfK the constant k of reciprocal rank fusion
 * @param filter what may be returned
 * @param maxPerDocument at most this many hits of one document among the results (the
 * next best hits take the places of the others), 0 for no limit
 * @param fusion how the two rankings are combined ({@code rrfK} counts only for
 * {@link FusionMethod#RRF})
 */
public record HybridQuery(String text, float[] vector, int topK, int candidates, double denseWeight,
		double sparseWeight, int rrfK, SearchFilter filter, int maxPerDocument, FusionMethod fusion) {

	public HybridQuery {
		Objects.requireNonNull(filter, "filter");
		Objects.requireNonNull(fusion, "fusion");
		if (maxPerDocument < 0) {
			throw new IllegalArgumentException("maxPerDocument must be 0 (no limit) or more, got " + maxPerDocument);
		}
		if (topK < 1 || candidates < topK) {
			throw new IllegalArgumentException("Need 1 <= topK <= candidates, got " + topK + " and " + candidates);
		}
		if (denseWeight < 0 || sparseWeight < 0 || denseWeight + sparseWeight == 0) {
			throw new IllegalArgumentException("Weights must be non-negative and not both zero");
		}
	}

	/**
	 * A hybrid search fused by weighted reciprocal rank.
	 * @param text the query text for the keyword side
	 * @param vector the query embedding for the dense side
	 * @param topK how many fused results to return
	 * @param candidates how many candidates each side contributes before fusion
	 * @param denseWeight weight of the dense ranking, 0 or more
	 * @param sparseWeight weight of the keyword ranking, 0 or more
	 * @param rrfK the constant k of reciprocal rank fusion
	 * @param filter what may be returned
	 * @param maxPerDocument at most this many hits of one document, 0 for no limit
	 */
	public HybridQuery(String text, float[] vector, int topK, int candidates, double denseWeight, double sparseWeight,
			int rrfK, SearchFilter filter, int maxPerDocument) {
		this(text, vector, topK, candidates, denseWeight, sparseWeight, rrfK, filter, maxPerDocument, FusionMethod.RRF);
	}

	/**
	 * A hybrid search fused by weighted reciprocal rank, with no limit of hits per
	 * document.
	 * @param text the query text for the keyword side
	 * @param vector the query embedding for the dense side
	 * @param topK how many fused results to return
	 * @param candidates how many candidates each side contributes before fusion
	 * @param denseWeight weight of the dense ranking, 0 or more
	 * @param sparseWeight weight of the keyword ranking, 0 or more
	 * @param rrfK the constant k of reciprocal rank fusion
	 * @param filter what may be returned
	 */
	public HybridQuery(String text, float[] vector, int topK, int candidates, double denseWeight, double sparseWeight,
			int rrfK, SearchFilter filter) {
		this(text, vector, topK, candidates, denseWeight, sparseWeight, rrfK, filter, 0, FusionMethod.RRF);
	}

}
