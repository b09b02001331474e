package io.noterag.indexing.extraction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.noterag.indexing.extraction.Block;

/**
 * Reads plain text into blocks: paragraphs are separated by blank lines, and lines that
 * start like list items ({@code 1.}, {@code 2)}, {@code -}, {@code *}) become list items,
 * consecutive ones forming one list. Plain text has no headings.
 */
public final class PlainTextBlocks {

	private static final Pattern LIST_ITEM = Pattern.compile("^([ \\t]*)([-*+\\u2022]|\\d{1,9}[.)])[ \\t]+(.*)$");

	private static final Pattern UNDERLINE = Pattern.compile("^[ \\t]*(={3,}|-{3,})[ \\t]*$");

	private PlainTextBlocks() {
	}

	/**
	 * Parses plain text.
	 * @param source the text
	 * @return its blocks
	 */
	public static List<Block> parse(String source) {
		List<Block> blocks = new ArrayList<>();
		List<String> paragraph = new ArrayList<>();
		StringBuilder item = null;
		int itemDepth = 1;
		int group = 0;
		int groups = 0;
		for (String raw : source.split("\\r\\n|\\r|\\n", -1)) {
			String line = raw.replace("\u00A0", " ").stripTrailing();
			Matcher underline = UNDERLINE.matcher(line);
			if (underline.matches()) {
				if (item != null) {
					addItem(blocks, item, itemDepth, group);
					item = null;
				}
				if (!paragraph.isEmpty()) {
					String heading = Texts.normalize(paragraph.removeLast());
					addParagraph(blocks, paragraph);
					if (!heading.isEmpty()) {
						blocks.add(Block.heading(underline.group(1).startsWith("=") ? 1 : 2, heading));
					}
				}
				group = 0;
				continue;
			}
			Matcher listItem = LIST_ITEM.matcher(line);
			if (line.isBlank() || listItem.matches()) {
				addParagraph(blocks, paragraph);
				if (item != null) {
					addItem(blocks, item, itemDepth, group);
					item = null;
				}
				if (listItem.matches()) {
					if (group == 0) {
						group = ++groups;
					}
					int indent = listItem.group(1).replace("\t", "    ").length();
					itemDepth = Math.min(6, indent / 2 + 1);
					item = new StringBuilder(listItem.group(2)).append(' ').append(listItem.group(3));
				}
				continue;
			}
			if (item != null) {
				item.append(' ').append(line.strip());
			}
			else {
				group = 0;
				paragraph.add(line);
			}
		}
		addParagraph(blocks, paragraph);
		if (item != null) {
			addItem(blocks, item, itemDepth, group);
		}
		return List.copyOf(blocks);
	}

	private static void addParagraph(List<Block> blocks, List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		int longest = lines.stream().mapToInt(String::length).max().orElse(0);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			String line = Texts.normalize(lines.get(i));
			if (line.isEmpty()) {
				continue;
			}
			if (!text.isEmpty()) {
				boolean wrapped = lines.get(i - 1).length() >= longest * 0.6;
				text.append(wrapped ? ' ' : '\n');
			}
			text.append(line);
		}
		lines.clear();
		if (!text.isEmpty()) {
			blocks.add(Block.paragraph(text.toString()));
		}
	}

	private static void addItem(List<Block> blocks, StringBuilder item, int depth, int group) {
		String text = Texts.normalize(item);
		if (!text.isEmpty()) {
			blocks.add(Block.listItem(text, depth, group));
		}
	}

}
