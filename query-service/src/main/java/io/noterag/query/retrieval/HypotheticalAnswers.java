package io.noterag.query.retrieval;

/**
 * Writes a short passage that would answer a question, for {@link Technique#HYDE}: the
 * passage is embedded in place of the question, since it resembles the passages that
 * answer more than the question does. Only a language model can do this; without a bean
 * of this type, {@code hyde} is refused.
 */
public interface HypotheticalAnswers {

	/**
	 * A plausible answer passage; it may be wrong, it is only searched with.
	 * @param question the question
	 * @return a passage of a few sentences
	 */
	String write(String question);

}
