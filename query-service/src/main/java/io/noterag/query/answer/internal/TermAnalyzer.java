package io.noterag.query.answer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content terms of a text as the index sees them: Lucene's English analysis (standard
 * tokens, possessives, lower case, stop words, Porter stems), with the words that only
 * shape a question ("what", "how", "does") also removed, so that two texts share a term
 * only when they share meaning. Thread-safe.
 */
public final class TermAnalyzer implements AutoCloseable {

	private static final Set<String> QUESTION_WORDS = Set.of("what", "which", "who", "whom", "whose", "when", "where",
			"why", "how", "many", "much", "do", "does", "did", "done", "can", "could", "should", "would", "shall",
			"may", "might", "must", "i", "me", "my", "we", "our", "us", "you", "your", "he", "she", "his", "her", "him",
			"them", "those", "am", "were", "been", "being", "has", "have", "had", "having", "from", "about", "tell",
			"please", "know", "explain", "describe", "any", "some", "its", "get", "there's", "what's", "who's",
			"where's", "how's");

	private final Analyzer analyzer;

	public TermAnalyzer() {
		CharArraySet stopWords = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
		stopWords.addAll(QUESTION_WORDS);
		this.analyzer = new EnglishAnalyzer(stopWords);
	}

	/**
	 * The terms of a text, in order, repeated as often as they occur.
	 * @param text any text
	 * @return its stemmed content terms
	 */
	public List<String> terms(String text) {
		List<String> terms = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return terms;
		}
		try (TokenStream stream = this.analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	@Override
	public void close() {
		this.analyzer.close();
	}

}
