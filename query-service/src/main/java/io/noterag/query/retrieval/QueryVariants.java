package io.noterag.query.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes variants of a question for {@link Technique#MULTI_QUERY} and
 * {@link Technique#RAG_FUSION}: differently worded searches for the same need, whose
 * rankings are then combined. A language model writes them when one is configured;
 * without one, or when it gives no usable answer (then the retrieval is degraded), the
 * {@link Retriever} has them written by rules
 * ({@link io.noterag.query.retrieval.internal.RewrittenQueryVariants}).
 */
@FunctionalInterface
public interface QueryVariants {

	/**
	 * Variants of a question.
	 * @param question the question as asked
	 * @param max the most variants wanted, at least 1
	 * @param deadline when a language model asked for them must have answered, or
	 * {@code null} for the model's own deadline
	 * @return between 1 and {@code max} distinct, non-blank search texts, the question
	 * itself first, and who wrote them; {@code null} when none could be written
	 */
	Variants variants(String question, int max, Instant deadline);

	/**
	 * Whether variants can be written at all (a language model is configured), so that a
	 * {@code null} from {@link #variants} is a failure rather than the usual case.
	 * @return {@code true} by default
	 */
	default boolean available() {
		return true;
	}

	/**
	 * How the variants are written, for logs.
	 * @return e.g. {@code rules} or {@code llm}
	 */
	default String name() {
		return getClass().getSimpleName();
	}

	/**
	 * Variants of a question.
	 *
	 * @param texts the search texts, the question itself first
	 * @param generator who wrote them: {@code rules}, or the language model as
	 * {@code provider:model}
	 * @param degraded whether a configured language model gave no usable variants and the
	 * rules wrote them instead
	 */
	record Variants(List<String> texts, String generator, boolean degraded) {

		public Variants {
			texts = List.copyOf(texts);
			Objects.requireNonNull(generator, "generator");
		}

	}

}
