package io.noterag.query.retrieval;

/**
 * What this service's retrieval can do beyond the always available techniques, so that
 * requests asking for more are refused before any search.
 */
public interface RetrievalCapabilities {

	/**
	 * Whether a reranker is configured ({@code noterag.rerank.type} other than
	 * {@code none}).
	 * @return {@code true} when requests may ask for reranking
	 */
	boolean reranks();

	/**
	 * Whether a language model writes hypothetical answers, which {@link Technique#HYDE}
	 * needs.
	 * @return {@code true} when {@code hyde} may be asked for
	 */
	boolean writesHypotheticalAnswers();

}
