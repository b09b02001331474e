package io.noterag.shared.rerank;

import java.util.List;

/**
 * Scores how well passages answer a query, more precisely (and more slowly) than the
 * first-stage search: a cross-encoder reads the query and each passage together. Used on
 * the few best candidates of a search to reorder them.
 */
public interface Reranker {

	/**
	 * Scores passages against a query.
	 * @param query the query
	 * @param passages the passages, at most a few hundred
	 * @return one score per passage, in the passages' order; higher is more relevant.
	 * Scores are comparable within one call only.
	 */
	List<Double> score(String query, List<String> passages);

	/**
	 * The reranker's name, as reported in response metadata.
	 * @return e.g. the model name
	 */
	String name();

}
