package io.noterag.shared.vector;

/**
 * The parameters of BM25 keyword scoring,
 * {@code tf / (tf + k1 x (1 - b + b x dl / avgdl))} times the term's inverse document
 * frequency.
 *
 * @param k1 how fast repeated occurrences of a term stop adding to the score, 0 or more
 * @param b how much a long chunk is penalised, 0 (not at all) to 1
 */
public record Bm25(float k1, float b) {

	/**
	 * k1 0.9 and b 0.4: better than Lucene's own defaults (1.2, 0.75) for chunks of notes
	 * and abstracts (docs/retrieval.md), and the usual choice for BEIR baselines.
	 */
	public static final Bm25 DEFAULT = new Bm25(0.9f, 0.4f);

	public Bm25 {
		if (!(k1 >= 0) || !Float.isFinite(k1)) {
			throw new IllegalArgumentException("k1 must be 0 or more, got " + k1);
		}
		if (!(b >= 0 && b <= 1)) {
			throw new IllegalArgumentException("b must be between 0 and 1, got " + b);
		}
	}

}
