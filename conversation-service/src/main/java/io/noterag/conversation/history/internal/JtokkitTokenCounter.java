package io.noterag.conversation.history.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.knuddels.jtokkit.api.Encoding;

import io.noterag.conversation.history.TokenCounter;

/**
 * Counts tokens with one of JTokkit's encodings, the byte-pair encodings of OpenAI's
 * models shipped inside the library (nothing is downloaded), scaled by a factor when the
 * counts estimate another family's tokenizer. Text is counted as ordinary text: a message
 * that happens to contain a special token such as {@code <|endoftext|>} is counted, not
 * refused.
 */
class JtokkitTokenCounter implements TokenCounter {

	private final Encoding encoding;

	private final BigDecimal factor;

	private final boolean scaled;

	/**
	 * A counter.
	 * @param encoding the encoding
	 * @param factor what its counts are multiplied by (rounded up), at least 1
	 */
	JtokkitTokenCounter(Encoding encoding, BigDecimal factor) {
		if (factor.compareTo(BigDecimal.ONE) < 0) {
			throw new IllegalArgumentException("A token factor below 1 would undercount: " + factor);
		}
		this.encoding = encoding;
		this.factor = factor.stripTrailingZeros();
		this.scaled = factor.compareTo(BigDecimal.ONE) != 0;
	}

	@Override
	public int count(String text) {
		if (text == null || text.isEmpty()) {
			return 0;
		}
		int tokens = this.encoding.countTokensOrdinary(text);
		if (!this.scaled) {
			return tokens;
		}
		// exact decimal arithmetic: 10 tokens times 1.2 are 12, not 13
		return BigDecimal.valueOf(tokens).multiply(this.factor).setScale(0, RoundingMode.CEILING).intValueExact();
	}

	@Override
	public String encoding() {
		return this.encoding.getName();
	}

	@Override
	public BigDecimal factor() {
		return this.factor;
	}

	@Override
	public String toString() {
		return key();
	}

}
