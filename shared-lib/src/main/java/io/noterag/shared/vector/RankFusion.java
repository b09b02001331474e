package io.noterag.shared.vector;

import java.util.ArrayList;
import java.util.Comparator;
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
		Map<String, ChunkRecord> chunks = new LinkedHashMap<>();
		Map<String, Double> scores = new LinkedHashMap<>();
		addRanks(dense, denseWeight, rrfK, chunks, scores);
		addRanks(keyword, keywordWeight, rrfK, chunks, scores);
		List<ScoredChunk> fused = new ArrayList<>(scores.size());
		scores.forEach((id, score) -> fused.add(new ScoredChunk(chunks.get(id), score)));
		fused.sort(BEST_FIRST);
		return List.copyOf(fused.subList(0, Math.min(topK, fused.size())));
	}

	private static void addRanks(List<ScoredChunk> ranked, double weight, int rrfK, Map<String, ChunkRecord> chunks,
			Map<String, Double> scores) {
		if (weight <= 0) {
			return;
		}
		int rank = 0;
		for (ScoredChunk hit : ranked) {
			rank++;
			chunks.putIfAbsent(hit.chunk().id(), hit.chunk());
			scores.merge(hit.chunk().id(), weight / (rrfK + rank), Double::sum);
		}
	}

}
