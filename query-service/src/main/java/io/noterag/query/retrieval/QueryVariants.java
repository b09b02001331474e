package io.noterag.query.retrieval;

import java.util.List;

/**
 * Writes variants of a question for {@link Technique#MULTI_QUERY} and
 * {@link Technique#RAG_FUSION}: differently worded searches for the same need, whose
 * rankings are then combined. A language model can write them; without one,
 * {@link io.noterag.query.retrieval.internal.RewrittenQueryVariants} rewrites the
 * question by rules.
 */
public interface QueryVariants {

	/**
	 * Variants of a question.
	 * @param question the question as asked
	 * @param max the most variants wanted, at least 1
	 * @return between 1 and {@code max} distinct, non-blank search texts, the question
	 * itself first
	 */
	List<String> variants(String question, int max);

	/**
	 * How the variants are written, for logs.
	 * @return e.g. {@code rules} or a model's name
	 */
	default String name() {
		return getClass().getSimpleName();
	}

}
