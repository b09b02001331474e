package io.noterag.conversation.history;

/**
 * Counts tokens of text the way the configured language model family does.
 */
public interface TokenCounter {

	/**
	 * The number of tokens of a text.
	 * @param text the text, may be empty
	 * @return its token count
	 */
	int count(String text);

	/**
	 * The encoding the counts follow.
	 * @return e.g. {@code o200k_base}
	 */
	String encoding();

}
