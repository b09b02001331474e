package io.noterag.indexing.chunking.internal;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences and words without changing a character of them. */
public final class Sentences {

	private Sentences() {
	}

	/**
	 * The sentences of a text, each stripped of surrounding whitespace.
	 * @param text the text
	 * @return its sentences, in order
	 */
	public static List<String> split(String text) {
		BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		iterator.setText(text);
		List<String> sentences = new ArrayList<>();
		int start = iterator.first();
		for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
			String sentence = text.substring(start, end).strip();
			if (!sentence.isEmpty()) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	/**
	 * The whitespace-separated words of a text.
	 * @param text the text
	 * @return its words
	 */
	public static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : text.strip().split("\\s+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

}
