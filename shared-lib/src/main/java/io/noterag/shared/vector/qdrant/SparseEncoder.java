package io.noterag.shared.vector.qdrant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.noterag.shared.vector.Bm25;
import io.noterag.shared.vector.ChunkRecord;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.StringHelper;

/**
 * Turns text into the sparse vectors of the keyword side, from the same analysed terms as
 * the Lucene adapter's BM25 field ({@link EnglishAnalyzer} over title, heading and text).
 *
 * <p>
 * A term's index is the unsigned 32-bit murmur3 hash of its UTF-8 bytes (seed 0), so
 * every process maps a term to the same index without a shared vocabulary; the rare terms
 * that collide share one index (their values add up). A chunk's value for a term is
 * Lucene's BM25 term-frequency part, {@code tf / (tf + k1 * (1 - b + b * dl / avgdl))}
 * with the configured k1 and b ({@link Bm25}, the same as the Lucene adapter's),
 * {@code dl} the chunk's number of analysed terms and {@code avgdl} a configured
 * constant; a query's value for a term is how often the term occurs in the query (the
 * Lucene adapter boosts a repeated query term the same way). Qdrant's IDF modifier
 * multiplies each matching term by its inverse document frequency,
 * {@code ln(1 + (N - n + 0.5) / (n + 0.5))}, the formula of Lucene's BM25.
 */
final class SparseEncoder {

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final double averageLength;

	private final Bm25 bm25;

	SparseEncoder(double averageLength) {
		this(averageLength, Bm25.DEFAULT);
	}

	SparseEncoder(double averageLength, Bm25 bm25) {
		this.bm25 = java.util.Objects.requireNonNull(bm25, "bm25");
		if (!(averageLength > 0) || !Double.isFinite(averageLength)) {
			throw new IllegalArgumentException("averageLength must be positive, got " + averageLength);
		}
		this.averageLength = averageLength;
	}

	/**
	 * The sparse vector of a chunk.
	 * @param chunk the chunk
	 * @return its vector, empty when the chunk has no searchable term
	 */
	Sparse document(ChunkRecord chunk) {
		Map<String, Integer> terms = analyse(searchableText(chunk));
		int length = 0;
		for (int count : terms.values()) {
			length += count;
		}
		double norm = this.bm25.k1() * (1 - this.bm25.b() + this.bm25.b() * length / this.averageLength);
		Map<Integer, Float> values = new TreeMap<>();
		for (Map.Entry<String, Integer> term : terms.entrySet()) {
			float weight = (float) (term.getValue() / (term.getValue() + norm));
			values.merge(index(term.getKey()), weight, Float::sum);
		}
		return Sparse.of(values);
	}

	/**
	 * The sparse vector of a query text.
	 * @param text the user's text, may be {@code null}
	 * @return its vector, empty when the text has no searchable term
	 */
	Sparse query(String text) {
		if (text == null || text.isBlank()) {
			return Sparse.of(Map.of());
		}
		Map<Integer, Float> values = new TreeMap<>();
		analyse(text).forEach((term, count) -> values.merge(index(term), (float) count, Float::sum));
		return Sparse.of(values);
	}

	/**
	 * The index of an analysed term.
	 * @param term the term
	 * @return its index, as the bits of an unsigned 32-bit integer
	 */
	static int index(String term) {
		byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
		return StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0);
	}

	/** The text the keyword side searches: title, heading and text, as in Lucene. */
	static String searchableText(ChunkRecord chunk) {
		StringBuilder text = new StringBuilder();
		for (String part : List.of((chunk.title() != null) ? chunk.title() : "", chunk.heading(), chunk.text())) {
			if (!part.isBlank()) {
				text.append(part).append('\n');
			}
		}
		return text.toString();
	}

	private Map<String, Integer> analyse(String text) {
		Map<String, Integer> terms = new LinkedHashMap<>();
		try (TokenStream stream = this.analyzer.tokenStream("content", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.merge(term.toString(), 1, Integer::sum);
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	/**
	 * A sparse vector: parallel lists of indices (ascending as unsigned integers) and
	 * values.
	 *
	 * @param indices the indices
	 * @param values the values
	 */
	record Sparse(List<Integer> indices, List<Float> values) {

		static Sparse of(Map<Integer, Float> byIndex) {
			List<Map.Entry<Integer, Float>> entries = new ArrayList<>(byIndex.entrySet());
			entries.sort((a, b) -> Integer.compareUnsigned(a.getKey(), b.getKey()));
			List<Integer> indices = new ArrayList<>(entries.size());
			List<Float> values = new ArrayList<>(entries.size());
			for (Map.Entry<Integer, Float> entry : entries) {
				indices.add(entry.getKey());
				values.add(entry.getValue());
			}
			return new Sparse(List.copyOf(indices), List.copyOf(values));
		}

		boolean isEmpty() {
			return this.indices.isEmpty();
		}

	}

}
