package io.noterag.query.retrieval;

import java.time.Instant;

/**
 * Writes a short passage that would answer a question, for {@link Technique#HYDE}: the
 * passage is embedded in place of the question, since it resembles the passages that
 * answer more than the question does. Only a language model can do this; while none is
 * {@link #available()}, {@code hyde} is refused.
 */
@FunctionalInterface
public interface HypotheticalAnswers {

	/**
	 * A plausible answer passage; it may be wrong, it is only searched with.
	 * @param question the question
	 * @param deadline when the model must have answered, or {@code null} for its own
	 * deadline
	 * @return the passage and who wrote it, or {@code null} when no model wrote a usable
	 * one (the question itself is then embedded, and the retrieval is degraded)
	 */
	Passage write(String question, Instant deadline);

	/**
	 * Whether a language model is configured to write passages.
	 * @return {@code false} when {@code hyde} cannot be offered
	 */
	default boolean available() {
		return true;
	}

	/**
	 * A hypothetical answer.
	 *
	 * @param text the passage
	 * @param generator the language model that wrote it, as {@code provider:model}
	 */
	record Passage(String text, String generator) {
	}

}
