package io.noterag.indexing.chunking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approximation of a BERT WordPiece count, used only when the real tokenizer cannot be
 * loaded on this platform: each punctuation mark is a token, and each word is one token
 * per started 6 characters (English WordPiece splits rare and long words into pieces of
 * about that size). It over-counts rather than under-counts common English, so chunks
 * stay within the model's window.
 */
public final class ApproximateTokenCounter implements TokenCounter {

	private static final Pattern PIECES = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

	@Override
	public int count(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		int tokens = 0;
		Matcher matcher = PIECES.matcher(text);
		while (matcher.find()) {
			int length = matcher.end() - matcher.start();
			tokens += (length == 1) ? 1 : (length + 5) / 6;
		}
		return tokens;
	}

	@Override
	public String description() {
		return "approximate WordPiece count";
	}

}
