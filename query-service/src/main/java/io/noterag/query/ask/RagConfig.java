package io.noterag.query.ask;

/**
 * Retrieval settings of one query; every field is optional.
 *
 * @param technique {@code hybrid} (default), {@code dense}, {@code sparse},
 * {@code multi_query}, {@code rag_fusion}, or {@code hyde} (only with a language model)
 * @param topK how many chunks the answer may draw on, 1 to the configured maximum
 * @param denseWeight weight of the dense ranking in hybrid fusion, 0 or more
 * @param sparseWeight weight of the keyword ranking in hybrid fusion, 0 or more
 * @param rerank whether the reranker reorders the first candidates (only with a reranker;
 * default {@code noterag.retrieval.rerank.enabled})
 * @param mmr whether the chunks (documents, for a search) are chosen by maximal marginal
 * relevance (default false)
 * @param mmrLambda relevance against novelty for {@code mmr}, 0 to 1 (default
 * {@code noterag.retrieval.mmr-lambda})
 * @param neighborChunks chunks before and after each retrieved chunk that the answer may
 * also quote, 0 to {@code noterag.retrieval.max-neighbor-chunks}
 * @param fusion how hybrid search combines its dense and keyword rankings: {@code convex}
 * (weighted sum of normalised scores) or {@code rrf} (weighted reciprocal rank); default
 * {@code noterag.retrieval.fusion}
 */
public record RagConfig(String technique, Integer topK, Double denseWeight, Double sparseWeight, Boolean rerank,
		Boolean mmr, Double mmrLambda, Integer neighborChunks, String fusion) {

	/** No setting: every default applies. */
	static final RagConfig DEFAULTS = new RagConfig(null, null, null, null, null, null, null, null, null);

}
