package io.noterag.shared.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking rules every adapter shares, so that a hybrid search ranks the same on each:
 * weighted reciprocal rank fusion, the weighted sum of min-max normalised scores, the
 * order of hits and the limit of hits per document.
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
		Map<String, Double> scores = reciprocalRankScores(keys(scored(dense)), denseWeight, keys(scored(keyword)),
				keywordWeight, rrfK);
		return ranked(dense, keyword, scores, topK, maxPerDocument);
	}

	/**
	 * Fuses a hybrid search's two rankings as the query asks (method, weights, top k, at
	 * most so many hits per document).
	 * @param dense the dense hits, best first, scored by the adapter
	 * @param keyword the keyword hits, best first, scored by the adapter
	 * @param query the search
	 * @return the fused hits, best first
	 */
	public static List<ScoredChunk> fuse(List<ScoredChunk> dense, List<ScoredChunk> keyword, HybridQuery query) {
		return ranked(dense, keyword, fusedScores(scored(dense), scored(keyword), query), query.topK(),
				query.maxPerDocument());
	}

	private static List<ScoredChunk> ranked(List<ScoredChunk> dense, List<ScoredChunk> keyword,
			Map<String, Double> scores, int topK, int maxPerDocument) {
		Map<String, ChunkRecord> chunks = new LinkedHashMap<>();
		for (List<ScoredChunk> ranking : List.of(dense, keyword)) {
			ranking.forEach((hit) -> chunks.putIfAbsent(hit.chunk().id(), hit.chunk()));
		}
		List<ScoredChunk> fused = new ArrayList<>(scores.size());
		scores.forEach((id, score) -> fused.add(new ScoredChunk(chunks.get(id), score)));
		fused.sort(BEST_FIRST);
		return limit(fused, topK, maxPerDocument);
	}

	/**
	 * The fused score of every key (a chunk id, or an engine's own document number) of
	 * two rankings, by the query's method and weights.
	 * @param <K> the key type
	 * @param dense the dense ranking with the adapter's scores, best first
	 * @param keyword the keyword ranking with the adapter's scores, best first
	 * @param query the method, the weights and, for reciprocal rank, k
	 * @return each key's fused score, unordered
	 */
	public static <K> Map<K, Double> fusedScores(List<Scored<K>> dense, List<Scored<K>> keyword, HybridQuery query) {
		return switch (query.fusion()) {
			case RRF -> reciprocalRankScores(keys(dense), query.denseWeight(), keys(keyword), query.sparseWeight(),
					query.rrfK());
			case CONVEX -> {
				Map<K, Double> scores = new HashMap<>();
				addNormalised(dense, query.denseWeight(), scores);
				addNormalised(keyword, query.sparseWeight(), scores);
				yield scores;
			}
		};
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

	private static List<Scored<String>> scored(List<ScoredChunk> hits) {
		return hits.stream().map((hit) -> new Scored<>(hit.chunk().id(), hit.score())).toList();
	}

	private static <K> List<K> keys(List<Scored<K>> ranking) {
		return ranking.stream().map(Scored::key).toList();
	}

	/**
	 * Adds {@code weight x (score - min) / (max - min)} over the ranking's scores; 1 for
	 * every hit when all scores are equal.
	 */
	private static <K> void addNormalised(List<Scored<K>> ranking, double weight, Map<K, Double> scores) {
		if (weight <= 0 || ranking.isEmpty()) {
			return;
		}
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (Scored<K> hit : ranking) {
			min = Math.min(min, hit.score());
			max = Math.max(max, hit.score());
		}
		double range = max - min;
		for (Scored<K> hit : ranking) {
			double normalised = (range > 0) ? (hit.score() - min) / range : 1.0;
			scores.merge(hit.key(), weight * normalised, Double::sum);
		}
	}

	/**
	 * A key with the score one ranking gave it.
	 *
	 * @param <K> the key type
	 * @param key a chunk id or an engine's document number
	 * @param score the ranking's score, higher is better
	 */
	public record Scored<K>(K key, double score) {
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
