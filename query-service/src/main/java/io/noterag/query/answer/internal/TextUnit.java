package io.noterag.query.answer.internal;

/**
 * The smallest piece of a chunk an extractive answer quotes.
 *
 * @param text the unit as written (whitespace collapsed), e.g. a sentence or a whole
 * numbered step
 * @param kind what the unit is
 * @param position its order inside the chunk, from 0
 * @param heading the heading above the unit inside the chunk, empty when none
 * @param tableHeader the header row of the table of a table row, empty when none
 * @param fragment whether the unit is probably cut by the chunk boundary (starts in the
 * middle of a sentence, or ends without its end)
 */
public record TextUnit(String text, UnitKind kind, int position, String heading, String tableHeader, boolean fragment) {

	public TextUnit {
		heading = (heading != null) ? heading : "";
		tableHeader = (tableHeader != null) ? tableHeader : "";
	}

	/**
	 * The unit as quoted: a table row under its header row, anything else as is.
	 * @return the text to show
	 */
	public String display() {
		if (this.kind == UnitKind.TABLE_ROW && !this.tableHeader.isEmpty()) {
			return this.tableHeader + "\n" + this.text;
		}
		return this.text;
	}

	/**
	 * The text that explains the unit without being part of it.
	 * @return heading and table header, space separated
	 */
	public String context() {
		return (this.heading + " " + this.tableHeader).trim();
	}

	TextUnit asFragment() {
		return new TextUnit(this.text, this.kind, this.position, this.heading, this.tableHeader, true);
	}

}
