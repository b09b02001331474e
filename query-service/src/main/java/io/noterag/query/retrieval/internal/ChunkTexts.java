package io.noterag.query.retrieval.internal;

import java.util.List;

/**
 * Joins the texts of consecutive chunks of one document into one passage. Consecutive
 * chunks overlap (a chunk starts with the last sentences of the previous one), so the
 * longest end of the passage so far that the next text starts with, compared word by
 * word, is not repeated.
 */
public final class ChunkTexts {

	/** An overlap shorter than this many characters is taken for a coincidence. */
	static final int MIN_OVERLAP = 12;

	private ChunkTexts() {
	}

	/**
	 * Joins texts in order.
	 * @param texts consecutive chunks' texts
	 * @return the passage, the texts separated by line breaks
	 */
	public static String join(List<String> texts) {
		StringBuilder joined = new StringBuilder();
		for (String text : texts) {
			if (joined.isEmpty()) {
				joined.append(text.strip());
				continue;
			}
			String rest = text.strip().substring(overlap(joined, text.strip())).strip();
			if (!rest.isEmpty()) {
				joined.append('\n').append(rest);
			}
		}
		return joined.toString();
	}

	/**
	 * How many characters at the start of {@code next} repeat the end of
	 * {@code previous}, whitespace aside; 0 when they do not overlap.
	 */
	static int overlap(CharSequence previous, String next) {
		String tail = normalised(
				previous.subSequence(Math.max(0, previous.length() - 4 * next.length() - 16), previous.length())
					.toString());
		String head = normalised(next);
		int longest = Math.min(tail.length(), head.length());
		for (int length = longest; length >= MIN_OVERLAP; length--) {
			// the overlap starts at a word of the previous text and ends at one of the
			// next
			int start = tail.length() - length;
			boolean wordStart = start == 0 || tail.charAt(start - 1) == ' ';
			boolean wordEnd = length == head.length() || head.charAt(length) == ' ';
			if (wordStart && wordEnd && tail.regionMatches(start, head, 0, length)) {
				return rawLength(next, length);
			}
		}
		return 0;
	}

	/** Whitespace runs as one space, trimmed. */
	private static String normalised(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	/** How many characters of the raw text make up this many normalised characters. */
	private static int rawLength(String raw, int normalisedLength) {
		int count = 0;
		int i = 0;
		boolean inSpace = false;
		while (i < raw.length() && count < normalisedLength) {
			char c = raw.charAt(i);
			// the characters of \s, as in normalised()
			boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
			if (!space || !inSpace) {
				count++;
			}
			inSpace = space;
			i++;
		}
		return i;
	}

}
