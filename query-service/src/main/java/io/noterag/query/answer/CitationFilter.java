package io.noterag.query.answer;

/**
 * Removes citations of sources that do not exist from a streamed answer while it is
 * streamed, piece by piece, so that a client never shows {@code [7]} for an answer with
 * five sources. Everything passes through at once except what may still turn out to be a
 * citation: a {@code [} followed by digits (and commas) is held back until its {@code ]}
 * (then it is passed on, trimmed to its valid numbers, or dropped) or until a character
 * that no citation has (then it is passed on as it was), and the spaces before it are
 * held with it so that a dropped citation leaves no space before the punctuation that
 * follows. The streamed text then reads as {@link Citations#check} cleans the whole
 * answer. Not thread-safe: one filter per stream, fed in order.
 */
public final class CitationFilter {

	/** Longer than any citation {@link Citations} reads: no longer held back. */
	private static final int MAX_CITATION = 64;

	private static final String PUNCTUATION = ".,;:!?";

	private final int sourceCount;

	/** Spaces and tabs not passed on yet: a citation may follow them. */
	private final StringBuilder spaces = new StringBuilder();

	/** A possible citation being read, from its {@code [}; empty when none is. */
	private final StringBuilder citation = new StringBuilder();

	/**
	 * Whether the last thing read was a dropped citation, with {@link #spaces} before.
	 */
	private boolean dropped;

	/**
	 * A filter for an answer written from numbered sources.
	 * @param sourceCount how many sources the answer was given, numbered from 1
	 */
	public CitationFilter(int sourceCount) {
		this.sourceCount = sourceCount;
	}

	/**
	 * Takes the next piece of the answer.
	 * @param piece the piece as the model wrote it
	 * @return what can be passed on now, possibly empty
	 */
	public String accept(String piece) {
		StringBuilder out = new StringBuilder(piece.length() + 8);
		for (int i = 0; i < piece.length(); i++) {
			read(piece.charAt(i), out);
		}
		return out.toString();
	}

	/**
	 * Ends the answer.
	 * @return what was held back and can be passed on, possibly empty
	 */
	public String finish() {
		StringBuilder out = new StringBuilder();
		if (!this.citation.isEmpty()) {
			out.append(this.spaces).append(this.citation);
		}
		else if (!this.dropped) {
			out.append(this.spaces);
		}
		this.spaces.setLength(0);
		this.citation.setLength(0);
		this.dropped = false;
		return out.toString();
	}

	private void read(char c, StringBuilder out) {
		if (!this.citation.isEmpty()) {
			if (Character.isDigit(c) || ((c == ',' || c == ' ') && this.citation.length() > 1)) {
				this.citation.append(c);
				if (this.citation.length() > MAX_CITATION) {
					passOnHeld(out);
				}
				return;
			}
			if (c == ']' && this.citation.length() > 1) {
				this.citation.append(c);
				complete(out);
				return;
			}
			// not a citation after all: what was held goes on as it was
			passOnHeld(out);
		}
		if (this.dropped) {
			this.dropped = false;
			if (PUNCTUATION.indexOf(c) >= 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				// as Citations.check tidies: no space before punctuation, at a line's end
				// or twice
				this.spaces.setLength(0);
			}
			else if (c == '[') {
				// another citation right after: the spaces wait for it
				this.citation.append(c);
				return;
			}
		}
		if (c == ' ' || c == '\t') {
			this.spaces.append(c);
		}
		else if (c == '[') {
			this.citation.append(c);
		}
		else {
			out.append(this.spaces).append(c);
			this.spaces.setLength(0);
		}
	}

	/** A citation was read to its end: passed on with its valid numbers, or dropped. */
	private void complete(StringBuilder out) {
		String text = this.citation.toString();
		this.citation.setLength(0);
		Citations.Checked checked = Citations.check(text, this.sourceCount);
		if (checked.removed().isEmpty()) {
			out.append(this.spaces).append(text);
			this.spaces.setLength(0);
		}
		else if (!checked.cited().isEmpty()) {
			out.append(this.spaces).append(checked.text());
			this.spaces.setLength(0);
		}
		else {
			this.dropped = true;
		}
	}

	private void passOnHeld(StringBuilder out) {
		out.append(this.spaces).append(this.citation);
		this.spaces.setLength(0);
		this.citation.setLength(0);
	}

}
