package io.noterag.query.answer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a chunk's text into the units an extractive answer may quote: sentences of
 * running text, and whole numbered steps, bullet items and table rows, which are never
 * cut. Headings are not units; they become the context of the units below them.
 */
public final class SentenceSplitter {

	private static final Pattern MARKDOWN_HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)[\\s#]*$");

	private static final Pattern STEP = Pattern
		.compile("^\\s*(?:(?:step\\s+)?\\d{1,3}[.):]|step\\s+\\d{1,3}\\s*[-–:])\\s+\\S.*", Pattern.CASE_INSENSITIVE);

	private static final Pattern ITEM = Pattern.compile("^\\s*[-*+•–]\\s+\\S.*");

	private static final Pattern TABLE_SEPARATOR = Pattern
		.compile("^\\s*\\|?\\s*:?-{2,}:?\\s*(?:\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");

	private static final Pattern RULE = Pattern.compile("^\\s*(?:[-=_*]\\s*){3,}$");

	private static final Pattern INLINE_STEP = Pattern.compile("(?:^|(?<=[\\s:]))(\\d{1,2})[.)]\\s+(?=[A-Z\"“(])");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "eg", "ie", "vs", "mr", "mrs", "ms", "dr",
			"prof", "inc", "ltd", "jr", "sr", "st", "no", "nr", "approx", "fig", "cf", "al", "dept", "incl", "excl",
			"resp", "ca", "vol", "p", "pp", "ch", "sec", "min", "max", "avg", "est", "u.s", "a.m", "p.m");

	private static final int HEADING_MAX_WORDS = 8;

	/**
	 * The units of a text, in reading order.
	 * @param text a chunk's text
	 * @return its units; empty for blank text
	 */
	public List<TextUnit> split(String text) {
		Builder builder = new Builder();
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String[] lines = text.split("\\R", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String next = (i + 1 < lines.length) ? lines[i + 1] : null;
			builder.line(line, next);
		}
		builder.flush();
		return builder.finish();
	}

	/**
	 * Splits running text into sentences at a full stop, question or exclamation mark
	 * that is followed by a space and the start of a new sentence; not after an
	 * abbreviation, an initial or a list number, and never inside a number such as
	 * {@code 3.5}.
	 * @param paragraph running text on one line
	 * @return its sentences, trimmed
	 */
	static List<String> sentences(String paragraph) {
		List<String> out = new ArrayList<>();
		String p = paragraph.trim();
		int n = p.length();
		int start = 0;
		int i = 0;
		while (i < n) {
			char c = p.charAt(i);
			if (c != '.' && c != '!' && c != '?') {
				i++;
				continue;
			}
			int end = i + 1;
			while (end < n && ".!?\"')]”’".indexOf(p.charAt(end)) >= 0) {
				end++;
			}
			if (end >= n) {
				break;
			}
			if (!Character.isWhitespace(p.charAt(end))) {
				i = end;
				continue;
			}
			int next = end;
			while (next < n && Character.isWhitespace(p.charAt(next))) {
				next++;
			}
			char following = p.charAt(next);
			boolean startsSentence = Character.isUpperCase(following) || Character.isDigit(following)
					|| "\"'“‘([".indexOf(following) >= 0;
			if (!startsSentence || (c == '.' && end == i + 1 && protectedPeriod(p, start, i))) {
				i = end;
				continue;
			}
			out.add(p.substring(start, end).trim());
			start = next;
			i = next;
		}
		if (start < n) {
			String tail = p.substring(start).trim();
			if (!tail.isEmpty()) {
				out.add(tail);
			}
		}
		return out;
	}

	private static boolean protectedPeriod(String p, int sentenceStart, int period) {
		int wordStart = period;
		while (wordStart > sentenceStart && !Character.isWhitespace(p.charAt(wordStart - 1))) {
			wordStart--;
		}
		String word = p.substring(wordStart, period).replaceFirst("^[(\"'“‘\\[]+", "");
		if (word.isEmpty()) {
			return false;
		}
		if (ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))) {
			return true;
		}
		if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
			return true;
		}
		// a list number at the start of the sentence ("2. Restart the service")
		return wordStart == sentenceStart && word.length() <= 2 && word.chars().allMatch(Character::isDigit);
	}

	private static String collapse(String text) {
		return WHITESPACE.matcher(text).replaceAll(" ").trim();
	}

	private static boolean endsSentence(String text) {
		String trimmed = text.trim();
		return !trimmed.isEmpty() && ".!?:\"'”’)".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
	}

	/**
	 * A table row: Markdown pipes ({@code | a | b |}), cells joined by {@code " | "} (as
	 * the indexer writes rows), or tab-separated cells.
	 */
	private static boolean isTableRow(String line) {
		String trimmed = line.trim();
		if (trimmed.startsWith("|") && trimmed.indexOf('|', 1) > 0) {
			return true;
		}
		if (trimmed.contains(" | ")) {
			return true;
		}
		if (line.indexOf('\t') >= 0) {
			return cells(line).size() >= 2;
		}
		return false;
	}

	private static List<String> cells(String row) {
		String trimmed = row.trim();
		List<String> cells = new ArrayList<>();
		if (trimmed.indexOf('|') >= 0) {
			String inner = trimmed.startsWith("|") ? trimmed.substring(1) : trimmed;
			if (inner.endsWith("|")) {
				inner = inner.substring(0, inner.length() - 1);
			}
			for (String part : inner.split("\\|", -1)) {
				cells.add(collapse(part));
			}
			return cells;
		}
		for (String part : trimmed.split("\t+")) {
			String cell = collapse(part);
			if (!cell.isEmpty()) {
				cells.add(cell);
			}
		}
		return cells;
	}

	private static String row(String line) {
		return "| " + String.join(" | ", cells(line)) + " |";
	}

	private static boolean looksLikeHeading(String line) {
		String text = collapse(line);
		if (text.isEmpty() || text.indexOf(':') >= 0) {
			return false;
		}
		char first = text.charAt(0);
		char last = text.charAt(text.length() - 1);
		if (!(Character.isUpperCase(first) || Character.isDigit(first)) || ".!?;,\"”".indexOf(last) >= 0) {
			return false;
		}
		return text.split(" ").length <= HEADING_MAX_WORDS;
	}

	/** Reads lines one by one and collects units. */
	private static final class Builder {

		private final List<TextUnit> units = new ArrayList<>();

		private final List<String> paragraph = new ArrayList<>();

		private StringBuilder item;

		private UnitKind itemKind;

		private String heading = "";

		private String tableHeader;

		private String pendingFirstRow;

		private boolean inTable;

		void line(String line, String next) {
			if (line.isBlank()) {
				flush();
				return;
			}
			Matcher heading = MARKDOWN_HEADING.matcher(line);
			if (heading.matches()) {
				flush();
				this.heading = collapse(heading.group(1));
				return;
			}
			if (TABLE_SEPARATOR.matcher(line).matches() && line.indexOf('|') >= 0) {
				if (this.pendingFirstRow != null) {
					this.tableHeader = this.pendingFirstRow;
					this.pendingFirstRow = null;
				}
				return;
			}
			if (RULE.matcher(line).matches()) {
				if (this.paragraph.size() == 1 && looksLikeHeading(this.paragraph.get(0))) {
					this.heading = collapse(this.paragraph.remove(0));
				}
				flush();
				return;
			}
			if (isTableRow(line)) {
				tableRow(line);
				return;
			}
			endTable();
			if (STEP.matcher(line).matches()) {
				startItem(line, UnitKind.STEP);
				return;
			}
			if (ITEM.matcher(line).matches()) {
				startItem(line, UnitKind.ITEM);
				return;
			}
			if (this.item != null) {
				if (continues(this.item, line)) {
					this.item.append(' ').append(line.trim());
					return;
				}
				flushItem();
			}
			if (!this.paragraph.isEmpty() && endsSentence(this.paragraph.get(this.paragraph.size() - 1))) {
				flushParagraph();
			}
			if (this.paragraph.isEmpty() && looksLikeHeading(line) && startsBlock(next)) {
				this.heading = collapse(line);
				return;
			}
			this.paragraph.add(line);
		}

		/**
		 * Whether a line goes on the step or item above it: indented, or (lazily) the
		 * rest of an unfinished sentence.
		 */
		private static boolean continues(StringBuilder item, String line) {
			if (Character.isWhitespace(line.charAt(0))) {
				return true;
			}
			String trimmed = line.trim();
			return !endsSentence(item.toString()) && Character.isLowerCase(trimmed.charAt(0));
		}

		/**
		 * Whether what follows a heading-like line starts a new block (not a wrapped
		 * line).
		 */
		private static boolean startsBlock(String next) {
			if (next == null || next.isBlank()) {
				return true;
			}
			char first = next.trim().charAt(0);
			return Character.isUpperCase(first) || Character.isDigit(first) || "|-*+•#\"“(".indexOf(first) >= 0;
		}

		private void tableRow(String line) {
			flushParagraph();
			flushItem();
			String row = row(line);
			if (!this.inTable) {
				this.inTable = true;
				this.tableHeader = null;
				this.pendingFirstRow = row;
				return;
			}
			if (this.pendingFirstRow != null) {
				// no separator line (the indexer writes none): the first row of a table
				// of
				// several rows is its header
				this.tableHeader = this.pendingFirstRow;
				this.pendingFirstRow = null;
			}
			add(row, UnitKind.TABLE_ROW, this.tableHeader);
		}

		private void endTable() {
			if (this.pendingFirstRow != null) {
				add(this.pendingFirstRow, UnitKind.TABLE_ROW, "");
				this.pendingFirstRow = null;
			}
			this.inTable = false;
			this.tableHeader = null;
		}

		private void startItem(String line, UnitKind kind) {
			flushParagraph();
			flushItem();
			this.item = new StringBuilder(line.trim());
			this.itemKind = kind;
		}

		void flush() {
			endTable();
			flushItem();
			flushParagraph();
		}

		private void flushItem() {
			if (this.item != null) {
				add(this.item.toString(), this.itemKind, "");
				this.item = null;
				this.itemKind = null;
			}
		}

		private void flushParagraph() {
			if (this.paragraph.isEmpty()) {
				return;
			}
			if (this.paragraph.size() == 1 && looksLikeHeading(this.paragraph.get(0))) {
				this.heading = collapse(this.paragraph.get(0));
				this.paragraph.clear();
				return;
			}
			String text = collapse(String.join(" ", this.paragraph));
			this.paragraph.clear();
			List<int[]> steps = inlineSteps(text);
			if (steps.isEmpty()) {
				sentences(text).forEach((s) -> add(s, UnitKind.SENTENCE, ""));
				return;
			}
			String before = text.substring(0, steps.get(0)[0]).trim();
			if (!before.isEmpty()) {
				sentences(before).forEach((s) -> add(s, UnitKind.SENTENCE, ""));
			}
			for (int s = 0; s < steps.size(); s++) {
				int from = steps.get(s)[0];
				int to = (s + 1 < steps.size()) ? steps.get(s + 1)[0] : text.length();
				add(text.substring(from, to).trim(), UnitKind.STEP, "");
			}
		}

		/** Numbered steps written on one line: markers 1, 2, 3... in order. */
		private static List<int[]> inlineSteps(String text) {
			List<int[]> markers = new ArrayList<>();
			Matcher matcher = INLINE_STEP.matcher(text);
			int expected = 1;
			while (matcher.find()) {
				int number = Integer.parseInt(matcher.group(1));
				if (number == expected) {
					markers.add(new int[] { matcher.start(1) });
					expected++;
				}
			}
			return (markers.size() >= 2) ? markers : List.of();
		}

		private void add(String text, UnitKind kind, String tableHeader) {
			String collapsed = (kind == UnitKind.TABLE_ROW) ? text : collapse(text);
			if (!collapsed.isEmpty()) {
				this.units.add(new TextUnit(collapsed, kind, this.units.size(), this.heading, tableHeader, false));
			}
		}

		List<TextUnit> finish() {
			if (this.units.isEmpty()) {
				return List.of();
			}
			List<TextUnit> result = new ArrayList<>(this.units);
			TextUnit first = result.get(0);
			if (first.kind() == UnitKind.SENTENCE && Character.isLowerCase(first.text().charAt(0))) {
				result.set(0, first.asFragment());
			}
			int lastIndex = result.size() - 1;
			TextUnit last = result.get(lastIndex);
			if (last.kind() == UnitKind.SENTENCE
					&& ".!?:)\"'”’".indexOf(last.text().charAt(last.text().length() - 1)) < 0) {
				result.set(lastIndex, last.asFragment());
			}
			return List.copyOf(result);
		}

	}

}
