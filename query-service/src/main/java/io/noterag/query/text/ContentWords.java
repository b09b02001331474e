package io.noterag.query.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a question that say what it is about, for the rules that rewrite questions
 * (query variants, follow-ups): the words as written, split on white space, with
 * identifiers kept whole ({@code wp-db-fra-2}, {@code #plat-access}, {@code p95}),
 * without the words that only shape a sentence ("the", "how", "does", "it", ...).
 */
public final class ContentWords {

	private static final Set<String> FUNCTION_WORDS = Set.copyOf(List.of("a", "about", "after", "again", "all", "also",
			"am", "an", "and", "another", "any", "are", "as", "at", "be", "been", "before", "being", "but", "by", "can",
			"could", "describe", "did", "do", "does", "doing", "done", "else", "explain", "for", "from", "get", "got",
			"had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "how's", "i", "if", "in", "into",
			"is", "it", "it's", "its", "just", "know", "many", "may", "me", "might", "more", "much", "must", "my", "no",
			"not", "of", "on", "one", "ones", "only", "onto", "or", "other", "our", "ours", "out", "over", "please",
			"same", "shall", "she", "should", "so", "some", "tell", "than", "that", "the", "their", "them", "then",
			"there", "there's", "these", "they", "this", "those", "to", "too", "under", "up", "us", "very", "was", "we",
			"were", "what", "what's", "when", "where", "where's", "which", "while", "who", "who's", "whom", "whose",
			"why", "will", "with", "would", "yes", "you", "your"));

	private ContentWords() {
	}

	/**
	 * The words of a text, split on white space, without surrounding punctuation (a
	 * leading {@code #} stays).
	 * @param text any text
	 * @return its words in order
	 */
	public static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		for (String raw : text.split("\\s+")) {
			// keep inner punctuation (wp-db-fra-2, CN-88213, p95) and a leading #
			// (#channel)
			String token = raw.replaceAll("^[^\\p{L}\\p{N}#]+|[^\\p{L}\\p{N}]+$", "");
			if (!token.isEmpty() && !token.equals("#")) {
				tokens.add(token);
			}
		}
		return tokens;
	}

	/**
	 * The content words of a text, in order, as written.
	 * @param text any text
	 * @return its words that are not function words
	 */
	public static List<String> of(String text) {
		return tokens(text).stream().filter((word) -> !isFunctionWord(word)).toList();
	}

	/**
	 * Whether a word only shapes a sentence.
	 * @param word a word, any case
	 * @return {@code true} for "the", "how", "does", "it", ...
	 */
	public static boolean isFunctionWord(String word) {
		return FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT));
	}

}
