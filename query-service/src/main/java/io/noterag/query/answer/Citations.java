package io.noterag.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code [n]} citations of a written answer against the sources it was given:
 * a citation of a number that is not a source is removed from the text and reported, so
 * that an answer never points at a source that does not exist.
 */
public final class Citations {

	/** {@code [3]} or {@code [1, 2]} / {@code [1,2]}. */
	private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");

	private Citations() {
	}

	/**
	 * Checks and cleans the citations of a text.
	 * @param text the answer as written
	 * @param sourceCount how many numbered sources it was given (numbered from 1)
	 * @return the text without invalid citations, the sources it cites and the numbers
	 * removed
	 */
	public static Checked check(String text, int sourceCount) {
		SortedSet<Integer> cited = new TreeSet<>();
		List<Integer> removed = new ArrayList<>();
		Matcher matcher = CITATION.matcher(text);
		StringBuilder cleaned = new StringBuilder(text.length());
		while (matcher.find()) {
			List<Integer> valid = new ArrayList<>();
			for (String part : matcher.group(1).split(",")) {
				int number = Integer.parseInt(part.strip());
				if (number >= 1 && number <= sourceCount) {
					valid.add(number);
					cited.add(number);
				}
				else {
					removed.add(number);
				}
			}
			String replacement = valid.isEmpty() ? ""
					: "[" + String.join(", ", valid.stream().map(String::valueOf).toList()) + "]";
			matcher.appendReplacement(cleaned, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(cleaned);
		String result = removed.isEmpty() ? text : tidy(cleaned.toString());
		return new Checked(result, cited, List.copyOf(removed));
	}

	/** Removes the space a dropped citation leaves before punctuation or at line ends. */
	private static String tidy(String text) {
		return text.replaceAll(" +([.,;:!?])", "$1").replaceAll("[ \\t]+(\\r?\\n|$)", "$1").replaceAll(" {2,}", " ");
	}

	/**
	 * The outcome of a check.
	 *
	 * @param text the answer with only valid citations
	 * @param cited the source numbers it cites, ascending
	 * @param removed the numbers that were cited but are not sources, in order of
	 * appearance
	 */
	public record Checked(String text, SortedSet<Integer> cited, List<Integer> removed) {

		public Checked {
			cited = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(cited));
			removed = List.copyOf(removed);
		}

	}

}
