package io.noterag.query.answer;

import java.util.List;

/**
 * An answer made of quoted sentences.
 *
 * @param text the answer, each quoted unit tagged {@code [n]} with its source's number
 * @param sources the cited documents first, then the other retrieved ones; empty when
 * nothing was found
 * @param found whether the documents contained anything relevant
 */
public record Answer(String text, List<AnswerSource> sources, boolean found) {

	/** What the answer says when the documents do not answer the question. */
	public static final String NOT_FOUND = "I could not find this in the indexed documents.";

	public Answer {
		sources = List.copyOf(sources);
	}

	public static Answer notFound() {
		return new Answer(NOT_FOUND, List.of(), false);
	}

	/**
	 * How many sources the answer quotes.
	 * @return the number of cited sources
	 */
	public long citedCount() {
		return this.sources.stream().filter(AnswerSource::cited).count();
	}

}
