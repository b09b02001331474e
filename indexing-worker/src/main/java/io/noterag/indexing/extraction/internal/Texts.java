package io.noterag.indexing.extraction.internal;

import java.util.regex.Pattern;

/** Whitespace and inline markup clean-up shared by the block parsers. */
final class Texts {

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

	private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");

	private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");

	private Texts() {
	}

	/**
	 * Collapses runs of whitespace (line breaks included) into one space and trims.
	 * @param text the text
	 * @return the normalised text
	 */
	static String normalize(CharSequence text) {
		return WHITESPACE.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * Replaces Markdown links and images by their text, keeping everything else as
	 * written.
	 * @param text a line of Markdown
	 * @return the line without link targets
	 */
	static String markdownInline(String text) {
		String withoutImages = MARKDOWN_IMAGE.matcher(text).replaceAll("$1");
		return MARKDOWN_LINK.matcher(withoutImages).replaceAll("$1");
	}

}
