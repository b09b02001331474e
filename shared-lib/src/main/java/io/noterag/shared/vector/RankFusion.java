package io.noterag.shared.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking rules every adapter shares, so that a hybrid search ranks the same on each:
 * weighted reciprocal rank fusion and the order of hits.
 */
public final class RankFusion {

	/** Best score first; equal scores by chunk id, so that results are deterministic. */
	public static final Comparator<ScoredChunk> BEST_FIRST = Comparator.comparingDouble(ScoredChunk::score)
		.reversed()
		.thenComparing((hit) -> hit.chunk().id());

	private RankFusion() {
	}

	/**
	 * Weighted reciprocal rank fusion: each list adds {@code weight / (k + rank)} to a
	 * chunk's score, rank from 1; a list with weight 0 adds nothing.
	 * @param dense the dense ranking, best first
	 * @param denseWeight its weight
	 * @param keyword the keyword ranking, best first
	 * @param keywordWeight its weight
	 * @param rrfK the constant k
	 * @param topK how many fused hits to keep
	 * @return the fused hits, best first
	 */
	public static List<ScoredChunk> weightedReciprocalRank(List<ScoredChunk> dense, double denseWeight,
			List<ScoredChunk> keyword, double keywordWeight, int rrfK, int topK) {
		return weightedReciprocalRank(dense, denseWeight, keyword, keywordWeight, rrfK, topK, 0);
	}

	/**
	 * Weighted reciprocal rank fusion with at most {@code maxPerDocument} hits of one
	 * document among the results.
	 * @param dense the dense ranking, best first
	 * @param denseWeight its weight
	 * @param keyword the keyword ranking, best first
	 * @param keywordWeight its weight
	 * @param rrfK the constant k
	 * @param topK how many fused hits to keep
	 * @param maxPerDocument the most hits of one document, 0 for no limit
	 * @return the fused hits, best first
	 */
	public static List<ScoredChunk> weightedReciprocalRank(List<ScoredChunk> dense, double denseWeight,
			List<ScoredChunk> keyword, double keywordWeight, int rrfK, int topK, int maxPerDocument) {
		Map<String, ChunkRecord> chunks = new LinkedHashMap<>();
		for (List<ScoredChunk> ranking : List.of(dense, keyword)) {
			ranking.forEach((hit) -> chunks.putIfAbsent(hit.chunk().id(), hit.chunk()));
		}
		Map<String, Double> scores = reciprocalRankScores(ids(dense), denseWeight, ids(keyword), keywordWeight, rrfK);
		List<ScoredChunk> fused = new ArrayList<>(scores.size());
		scores.forEach((id, score) -> fused.add(new ScoredChunk(chunks.get(id), score)));
		fused.sort(BEST_FIRST);
		return limit(fused, topK, maxPerDocument);
	}

	/**
	 * The weighted reciprocal rank scores of two rankings of keys (chunk ids, or an
	 * engine's own document numbers): each list adds {@code weight / (k + rank)}, rank
	 * from 1; a list with weight 0 adds nothing.
	 * @param <K> the key type
	 * @param dense the dense ranking, best first
	 * @param denseWeight its weight
	 * @param keyword the keyword ranking, best first
	 * @param keywordWeight its weight
	 * @param rrfK the constant k
	 * @return each key's fused score, unordered
	 */
	public static <K> Map<K, Double> reciprocalRankScores(List<K> dense, double denseWeight, List<K> keyword,
			double keywordWeight, int rrfK) {
		Map<K, Double> scores = new HashMap<>();
		addRanks(dense, denseWeight, rrfK, scores);
		addRanks(keyword, keywordWeight, rrfK, scores);
		return scores;
	}

	/**
	 * The first {@code topK} hits of a ranking, skipping any hit of a document that
	 * already has {@code maxPerDocument} hits among them.
	 * @param ranked hits, best first
	 * @param topK how many to keep
	 * @param maxPerDocument the most hits of one document, 0 for no limit
	 * @return the hits kept, in order
	 */
	public static List<ScoredChunk> limit(List<ScoredChunk> ranked, int topK, int maxPerDocument) {
		PerDocumentLimit perDocument = new PerDocumentLimit(maxPerDocument);
		List<ScoredChunk> kept = new ArrayList<>(Math.min(topK, ranked.size()));
		for (ScoredChunk hit : ranked) {
			if (kept.size() >= topK) {
				break;
			}
			if (perDocument.admit(hit.chunk().documentId())) {
				kept.add(hit);
			}
		}
		return List.copyOf(kept);
	}

	private static List<String> ids(List<ScoredChunk> hits) {
		return hits.stream().map((hit) -> hit.chunk().id()).toList();
	}

	private static <K> void addRanks(List<K> ranked, double weight, int rrfK, Map<K, Double> scores) {
		if (weight <= 0) {
			return;
		}
		int rank = 0;
		for (K key : ranked) {
			rank++;
			scores.merge(key, weight / (rrfK + rank), Double::sum);
		}
	}

	/** Counts hits per document and admits at most a given number of each. */
	public static final class PerDocumentLimit {

		private final int max;

		private final Map<String, Integer> counts = new HashMap<>();

		/**
		 * A limit.
		 * @param max the most hits of one document, 0 for no limit
		 */
		public PerDocumentLimit(int max) {
			this.max = max;
		}

		/**
		 * Counts a hit of a document.
		 * @param documentId the document
		 * @return whether the hit is within the limit
		 */
		public boolean admit(String documentId) {
			return this.max == 0 || this.counts.merge(documentId, 1, Integer::sum) <= this.max;
		}

	}

}
