package io.noterag.indexing.extraction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.noterag.indexing.extraction.Block;

/**
 * Reads Markdown into blocks: ATX ({@code # Title}) and setext headings, paragraphs,
 * bulleted and numbered list items (with their continuation lines), pipe tables, fenced
 * and indented code, block quotes. A YAML front matter is skipped, its {@code title}
 * kept. Inline text is kept as written except that links and images are replaced by their
 * text.
 */
public final class MarkdownBlocks {

	private static final Pattern ATX_HEADING = Pattern
		.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");

	private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");

	private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$");

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");

	private static final Pattern LIST_ITEM = Pattern.compile("^([ \\t]*)([-*+]|\\d{1,9}[.)])[ \\t]+(.*)$");

	private static final Pattern TABLE_SEPARATOR = Pattern
		.compile("^[ \\t]*\\|?[ \\t]*:?-{1,}:?[ \\t]*(\\|[ \\t]*:?-{1,}:?[ \\t]*)*\\|?[ \\t]*$");

	private static final Pattern BLOCK_QUOTE = Pattern.compile("^ {0,3}>[ \\t]?(.*)$");

	private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title:[ \\t]*(.+?)[ \\t]*$");

	private final List<Block> blocks = new ArrayList<>();

	private final List<String> paragraph = new ArrayList<>();

	private StringBuilder item;

	private int itemDepth;

	private int listGroup;

	private int groups;

	private boolean blankSinceItem;

	private String frontMatterTitle;

	private MarkdownBlocks() {
	}

	/**
	 * Parses a Markdown document.
	 * @param source the Markdown text
	 * @return the blocks and the front matter's title, if any
	 */
	public static Result parse(String source) {
		MarkdownBlocks parser = new MarkdownBlocks();
		parser.read(source.split("\\r\\n|\\r|\\n", -1));
		return new Result(List.copyOf(parser.blocks), parser.frontMatterTitle);
	}

	private void read(String[] lines) {
		int i = skipFrontMatter(lines);
		while (i < lines.length) {
			String line = lines[i].replace("\u00A0", " ");
			Matcher fence = FENCE.matcher(line);
			if (fence.matches()) {
				i = readFencedCode(lines, i, fence.group(1));
				continue;
			}
			if (line.isBlank()) {
				flushParagraph();
				if (this.item != null) {
					this.blankSinceItem = true;
				}
				i++;
				continue;
			}
			if (this.item != null && continuesItem(line)) {
				this.item.append(' ').append(line.strip());
				i++;
				continue;
			}
			Matcher atx = ATX_HEADING.matcher(line);
			if (atx.matches()) {
				endList();
				flushParagraph();
				String heading = inline((atx.group(2) != null) ? atx.group(2) : "");
				if (!heading.isEmpty()) {
					this.blocks.add(Block.heading(atx.group(1).length(), heading));
				}
				i++;
				continue;
			}
			Matcher setext = SETEXT_UNDERLINE.matcher(line);
			if (setext.matches() && !this.paragraph.isEmpty() && this.item == null) {
				String heading = inline(String.join(" ", this.paragraph));
				this.paragraph.clear();
				this.blocks.add(Block.heading(setext.group(1).startsWith("=") ? 1 : 2, heading));
				i++;
				continue;
			}
			if (THEMATIC_BREAK.matcher(line).matches()) {
				endList();
				flushParagraph();
				i++;
				continue;
			}
			if (line.contains("|") && i + 1 < lines.length && TABLE_SEPARATOR.matcher(lines[i + 1]).matches()
					&& lines[i + 1].contains("-")) {
				endList();
				flushParagraph();
				i = readTable(lines, i);
				continue;
			}
			Matcher listItem = LIST_ITEM.matcher(line);
			if (listItem.matches()) {
				flushParagraph();
				startItem(listItem);
				i++;
				continue;
			}
			if (this.item == null && line.startsWith("    ") && this.paragraph.isEmpty()) {
				i = readIndentedCode(lines, i);
				continue;
			}
			endList();
			Matcher quote = BLOCK_QUOTE.matcher(line);
			this.paragraph.add(quote.matches() ? quote.group(1) : line.strip());
			i++;
		}
		endList();
		flushParagraph();
	}

	private int skipFrontMatter(String[] lines) {
		if (lines.length == 0 || !"---".equals(lines[0].strip())) {
			return 0;
		}
		for (int i = 1; i < Math.min(lines.length, 100); i++) {
			String line = lines[i].strip();
			if ("---".equals(line) || "...".equals(line)) {
				return i + 1;
			}
			Matcher title = FRONT_MATTER_TITLE.matcher(line);
			if (title.matches()) {
				this.frontMatterTitle = title.group(1).replaceAll("^[\"']|[\"']$", "").strip();
			}
		}
		this.frontMatterTitle = null;
		return 0;
	}

	private int readFencedCode(String[] lines, int start, String fence) {
		endList();
		flushParagraph();
		StringBuilder code = new StringBuilder();
		int i = start + 1;
		while (i < lines.length) {
			String stripped = lines[i].strip();
			if (stripped.startsWith(fence.substring(0, 3)) && stripped.chars().allMatch((c) -> c == fence.charAt(0))
					&& stripped.length() >= fence.length()) {
				i++;
				break;
			}
			if (!code.isEmpty()) {
				code.append('\n');
			}
			code.append(lines[i]);
			i++;
		}
		if (!code.toString().isBlank()) {
			this.blocks.add(Block.code(code.toString().stripTrailing()));
		}
		return i;
	}

	private int readIndentedCode(String[] lines, int start) {
		StringBuilder code = new StringBuilder();
		int i = start;
		while (i < lines.length && (lines[i].startsWith("    ") || lines[i].startsWith("\t") || lines[i].isBlank())) {
			if (!code.isEmpty()) {
				code.append('\n');
			}
			code.append(lines[i].startsWith("\t") ? lines[i].substring(1)
					: lines[i].substring(Math.min(4, lines[i].length())));
			i++;
		}
		if (!code.toString().isBlank()) {
			this.blocks.add(Block.code(code.toString().stripTrailing()));
		}
		return i;
	}

	private int readTable(String[] lines, int start) {
		int group = ++this.groups;
		this.blocks.add(Block.tableRow(cells(lines[start]), group, true));
		int i = start + 2;
		while (i < lines.length && !lines[i].isBlank() && lines[i].contains("|")) {
			String row = cells(lines[i]);
			if (!row.replace("|", "").isBlank()) {
				this.blocks.add(Block.tableRow(row, group, false));
			}
			i++;
		}
		return i;
	}

	private static String cells(String line) {
		String row = line.strip();
		if (row.startsWith("|")) {
			row = row.substring(1);
		}
		if (row.endsWith("|") && !row.endsWith("\\|")) {
			row = row.substring(0, row.length() - 1);
		}
		List<String> cells = new ArrayList<>();
		for (String cell : row.split("(?<!\\\\)\\|", -1)) {
			cells.add(inline(cell.replace("\\|", "|")));
		}
		return String.join(" | ", cells);
	}

	private boolean continuesItem(String line) {
		if (LIST_ITEM.matcher(line).matches()) {
			return false;
		}
		boolean indented = line.startsWith("  ") || line.startsWith("\t");
		if (this.blankSinceItem) {
			return indented;
		}
		return indented || !(ATX_HEADING.matcher(line).matches() || FENCE.matcher(line).matches()
				|| THEMATIC_BREAK.matcher(line).matches() || BLOCK_QUOTE.matcher(line).matches());
	}

	private void startItem(Matcher listItem) {
		flushItem();
		if (this.listGroup == 0) {
			this.listGroup = ++this.groups;
		}
		int indent = listItem.group(1).replace("\t", "    ").length();
		this.itemDepth = Math.min(6, indent / 2 + 1);
		this.item = new StringBuilder(listItem.group(2)).append(' ').append(listItem.group(3).strip());
		this.blankSinceItem = false;
	}

	private void flushItem() {
		if (this.item != null) {
			String text = inline(this.item.toString());
			if (!text.isEmpty()) {
				this.blocks.add(Block.listItem(text, this.itemDepth, this.listGroup));
			}
			this.item = null;
		}
	}

	private void endList() {
		flushItem();
		this.listGroup = 0;
		this.blankSinceItem = false;
	}

	private void flushParagraph() {
		if (!this.paragraph.isEmpty()) {
			String text = inline(String.join(" ", this.paragraph));
			this.paragraph.clear();
			if (!text.isEmpty()) {
				this.blocks.add(Block.paragraph(text));
			}
		}
	}

	private static String inline(String text) {
		return Texts.normalize(Texts.markdownInline(text));
	}

	/**
	 * The parsed document.
	 *
	 * @param blocks the blocks in reading order
	 * @param frontMatterTitle the {@code title} of the YAML front matter, or {@code null}
	 */
	public record Result(List<Block> blocks, String frontMatterTitle) {
	}

}
