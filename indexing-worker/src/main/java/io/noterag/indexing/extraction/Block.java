package io.noterag.indexing.extraction;

import java.util.Objects;

/**
 * One structural block of an extracted document, in reading order.
 *
 * @param kind what the block is
 * @param text its text, whitespace normalised (code keeps its lines); a list item keeps
 * its marker ({@code 1.}, {@code -}), a table row is its cells joined by {@code " | "}
 * @param level heading level 1..6 for headings, nesting depth from 1 for list items, 0
 * otherwise
 * @param group blocks that belong together (the items of one list, the rows of one table)
 * share a group number greater than 0; 0 for the rest
 * @param header whether a table row is the table's header row
 */
public record Block(Kind kind, String text, int level, int group, boolean header) {

	public Block {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(text, "text");
	}

	public static Block heading(int level, String text) {
		return new Block(Kind.HEADING, text, Math.clamp(level, 1, 6), 0, false);
	}

	public static Block paragraph(String text) {
		return new Block(Kind.PARAGRAPH, text, 0, 0, false);
	}

	public static Block listItem(String text, int depth, int group) {
		return new Block(Kind.LIST_ITEM, text, depth, group, false);
	}

	public static Block tableRow(String text, int group, boolean header) {
		return new Block(Kind.TABLE_ROW, text, 0, group, header);
	}

	public static Block code(String text) {
		return new Block(Kind.CODE, text, 0, 0, false);
	}

	/** What a block is. */
	public enum Kind {

		/** A heading; its level says how deep. */
		HEADING,

		/** Running text. */
		PARAGRAPH,

		/** An item of a bulleted or numbered list. */
		LIST_ITEM,

		/** A row of a table. */
		TABLE_ROW,

		/** Preformatted text or code, kept whole where it fits. */
		CODE

	}

}
