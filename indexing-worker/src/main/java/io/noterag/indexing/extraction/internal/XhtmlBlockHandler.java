package io.noterag.indexing.extraction.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import io.noterag.indexing.extraction.Block;

/**
 * Turns the XHTML that Tika produces for HTML, PDF and DOCX into blocks: headings
 * {@code h1..h6}, paragraphs, list items (numbered as displayed), table rows (cells
 * joined by {@code " | "}) and preformatted text. Text in {@code head}, scripts, styles
 * and navigation is dropped. Stops with {@link CharacterLimitReachedException} after the
 * given number of characters; the blocks read until then are kept.
 */
public class XhtmlBlockHandler extends DefaultHandler {

	private static final Set<String> IGNORED = Set.of("head", "title", "script", "style", "noscript", "template", "nav",
			"select", "button", "svg");

	private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
			"aside", "blockquote", "address", "figure", "figcaption", "dl", "dt", "dd", "form", "fieldset", "hr",
			"caption", "body", "details", "summary", "center");

	private final long maxCharacters;

	private final List<Block> blocks = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private final Deque<ListState> lists = new ArrayDeque<>();

	private long characters;

	private int ignoreDepth;

	private int headingLevel;

	private int preDepth;

	private int groups;

	private int listGroup;

	private TableState table;

	private int nestedTables;

	public XhtmlBlockHandler(long maxCharacters) {
		this.maxCharacters = maxCharacters;
	}

	public List<Block> blocks() {
		return List.copyOf(this.blocks);
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) {
		String name = name(localName, qName);
		if (this.ignoreDepth > 0 || IGNORED.contains(name)) {
			if (IGNORED.contains(name)) {
				this.ignoreDepth++;
			}
			return;
		}
		if (this.table != null && startInTable(name)) {
			return;
		}
		switch (name) {
			case "h1", "h2", "h3", "h4", "h5", "h6" -> {
				flush();
				this.headingLevel = name.charAt(1) - '0';
			}
			case "ul", "ol", "menu" -> {
				flush();
				if (this.lists.isEmpty()) {
					this.listGroup = ++this.groups;
				}
				this.lists.push(new ListState("ol".equals(name), start(attributes)));
			}
			case "li" -> {
				flush();
				ListState list = this.lists.peek();
				if (list != null) {
					list.openItem();
				}
			}
			case "table" -> {
				flush();
				this.table = new TableState(++this.groups);
			}
			case "pre" -> {
				flush();
				this.preDepth++;
			}
			case "br" -> this.text.append((this.preDepth > 0) ? '\n' : ' ');
			default -> {
				if (BLOCKS.contains(name)) {
					flush();
				}
			}
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) {
		String name = name(localName, qName);
		if (this.ignoreDepth > 0) {
			if (IGNORED.contains(name)) {
				this.ignoreDepth--;
			}
			return;
		}
		if (this.table != null && endInTable(name)) {
			return;
		}
		switch (name) {
			case "h1", "h2", "h3", "h4", "h5", "h6" -> {
				String heading = Texts.normalize(this.text);
				this.text.setLength(0);
				if (!heading.isEmpty()) {
					this.blocks.add(Block.heading(this.headingLevel, heading));
				}
				this.headingLevel = 0;
			}
			case "li" -> {
				flush();
				ListState list = this.lists.peek();
				if (list != null) {
					list.closeItem();
				}
			}
			case "ul", "ol", "menu" -> {
				flush();
				this.lists.poll();
				if (this.lists.isEmpty()) {
					this.listGroup = 0;
				}
			}
			case "pre" -> {
				this.preDepth = Math.max(0, this.preDepth - 1);
				if (this.preDepth == 0) {
					String code = this.text.toString().replace("\r", "").replaceAll("^\\n+|\\s+$", "");
					this.text.setLength(0);
					if (!code.isBlank()) {
						this.blocks.add(Block.code(code));
					}
				}
			}
			default -> {
				if (BLOCKS.contains(name)) {
					flush();
				}
			}
		}
	}

	@Override
	public void characters(char[] ch, int start, int length) throws SAXException {
		if (this.ignoreDepth > 0) {
			return;
		}
		this.characters += length;
		if (this.characters > this.maxCharacters) {
			flush();
			throw new CharacterLimitReachedException(this.maxCharacters);
		}
		if (this.table != null && this.table.cell != null) {
			this.table.cell.append(ch, start, length);
		}
		else {
			this.text.append(ch, start, length);
		}
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
		characters(ch, start, length);
	}

	@Override
	public void endDocument() {
		flush();
	}

	/**
	 * Emits the text gathered so far as a paragraph, or as a list item inside a list.
	 */
	private void flush() {
		if (this.headingLevel > 0 || this.preDepth > 0) {
			return;
		}
		String paragraph = Texts.normalize(this.text);
		this.text.setLength(0);
		if (paragraph.isEmpty()) {
			return;
		}
		ListState list = this.lists.peek();
		if (list != null && list.itemOpen) {
			this.blocks.add(Block.listItem(list.takeMarker() + paragraph, this.lists.size(), this.listGroup));
		}
		else if (list != null) {
			this.blocks.add(Block.listItem(paragraph, this.lists.size(), this.listGroup));
		}
		else {
			this.blocks.add(Block.paragraph(paragraph));
		}
	}

	private boolean startInTable(String name) {
		TableState current = this.table;
		if ("table".equals(name)) {
			this.nestedTables++;
			current.appendToCell(" ");
			return true;
		}
		if (this.nestedTables > 0) {
			current.appendToCell(" ");
			return true;
		}
		switch (name) {
			case "tr" -> current.startRow();
			case "td", "th" -> current.startCell("th".equals(name));
			default -> current.appendToCell(" ");
		}
		return true;
	}

	private boolean endInTable(String name) {
		TableState current = this.table;
		if ("table".equals(name)) {
			if (this.nestedTables > 0) {
				this.nestedTables--;
				current.appendToCell(" ");
			}
			else {
				current.endRow(this.blocks);
				this.table = null;
			}
			return true;
		}
		if (this.nestedTables > 0) {
			current.appendToCell(" ");
			return true;
		}
		switch (name) {
			case "td", "th" -> current.endCell();
			case "tr" -> current.endRow(this.blocks);
			default -> current.appendToCell(" ");
		}
		return true;
	}

	private static String name(String localName, String qName) {
		String name = (localName != null && !localName.isEmpty()) ? localName : qName;
		int colon = name.indexOf(':');
		return ((colon >= 0) ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
	}

	private static int start(Attributes attributes) {
		String value = attributes.getValue("start");
		if (value != null) {
			try {
				return Integer.parseInt(value.strip());
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}
		return 1;
	}

	/** Raised to stop parsing once the character limit is reached. */
	public static class CharacterLimitReachedException extends SAXException {

		public CharacterLimitReachedException(long limit) {
			super("More than " + limit + " characters");
		}

	}

	private static final class ListState {

		private final boolean ordered;

		private int next;

		private boolean itemOpen;

		private boolean markerTaken;

		private int number;

		ListState(boolean ordered, int start) {
			this.ordered = ordered;
			this.next = start;
		}

		void openItem() {
			this.itemOpen = true;
			this.markerTaken = false;
			this.number = this.next++;
		}

		void closeItem() {
			this.itemOpen = false;
		}

		String takeMarker() {
			if (this.markerTaken) {
				return "";
			}
			this.markerTaken = true;
			return this.ordered ? this.number + ". " : "- ";
		}

	}

	private static final class TableState {

		private final int group;

		private final List<String> cells = new ArrayList<>();

		private StringBuilder cell;

		private boolean inRow;

		private boolean allHeaderCells = true;

		private int rows;

		TableState(int group) {
			this.group = group;
		}

		void startRow() {
			this.cells.clear();
			this.cell = null;
			this.inRow = true;
			this.allHeaderCells = true;
		}

		void startCell(boolean headerCell) {
			if (!this.inRow) {
				startRow();
			}
			endCell();
			this.cell = new StringBuilder();
			this.allHeaderCells &= headerCell;
		}

		void appendToCell(String text) {
			if (this.cell != null) {
				this.cell.append(text);
			}
		}

		void endCell() {
			if (this.cell != null) {
				this.cells.add(Texts.normalize(this.cell));
				this.cell = null;
			}
		}

		void endRow(List<Block> blocks) {
			endCell();
			if (this.inRow && this.cells.stream().anyMatch((c) -> !c.isEmpty())) {
				boolean header = this.rows == 0 || this.allHeaderCells;
				blocks.add(Block.tableRow(String.join(" | ", this.cells), this.group, header));
				this.rows++;
			}
			this.cells.clear();
			this.inRow = false;
		}

	}

}
