package io.noterag.conversation.history;

import java.math.BigDecimal;

/**
 * Counts tokens of text the way a language model family does: exactly, with the family's
 * own encoding, or as an estimate, with a related encoding scaled by a safety factor.
 */
public interface TokenCounter {

	/**
	 * The number of tokens of a text.
	 * @param text the text, may be empty
	 * @return its token count, already scaled by {@link #factor()}
	 */
	int count(String text);

	/**
	 * The encoding the counts follow.
	 * @return e.g. {@code o200k_base}
	 */
	String encoding();

	/**
	 * How much the encoding's counts are scaled: {@code 1} when they are the model's own
	 * counts, more when they estimate a tokenizer that is not available.
	 * @return the factor, at least 1
	 */
	BigDecimal factor();

	/**
	 * What the counts depend on, so that contexts counted one way are kept apart from
	 * contexts counted another: the encoding, followed by {@code *<factor>} when the
	 * counts are scaled.
	 * @return e.g. {@code o200k_base} or {@code cl100k_base*1.2}
	 */
	default String key() {
		return (factor().compareTo(BigDecimal.ONE) == 0) ? encoding()
				: encoding() + "*" + factor().stripTrailingZeros().toPlainString();
	}

}
