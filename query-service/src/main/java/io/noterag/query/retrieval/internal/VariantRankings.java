package io.noterag.query.retrieval.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.RankFusion;
import io.noterag.shared.vector.ScoredChunk;

/**
 * Combines the rankings that several variants of one question got from the same search.
 * Ties go to the smaller chunk id, as in every fused ranking.
 */
public final class VariantRankings {

	private VariantRankings() {
	}

	/**
	 * Every chunk any variant found, with the best score it got (for {@code multi_query}:
	 * the scores of one search technique are comparable across queries).
	 * @param rankings one ranking per variant, best first
	 * @param limit how many to keep
	 * @return the union, best first
	 */
	public static List<ScoredChunk> bestScore(List<List<ScoredChunk>> rankings, int limit) {
		Map<String, ScoredChunk> best = new LinkedHashMap<>();
		for (List<ScoredChunk> ranking : rankings) {
			for (ScoredChunk hit : ranking) {
				best.merge(hit.chunk().id(), hit, (a, b) -> (b.score() > a.score()) ? b : a);
			}
		}
		return bestFirst(new ArrayList<>(best.values()), limit);
	}

	/**
	 * Reciprocal rank fusion of the rankings (for {@code rag_fusion}): a chunk scores
	 * {@code sum over rankings of 1 / (k + rank)}, ranks from 1.
	 * @param rankings one ranking per variant, best first
	 * @param k the constant k
	 * @param limit how many to keep
	 * @return the fused ranking, best first
	 */
	public static List<ScoredChunk> reciprocalRank(List<List<ScoredChunk>> rankings, int k, int limit) {
		Map<String, ChunkRecord> chunks = new LinkedHashMap<>();
		Map<String, Double> scores = new HashMap<>();
		for (List<ScoredChunk> ranking : rankings) {
			for (int i = 0; i < ranking.size(); i++) {
				ChunkRecord chunk = ranking.get(i).chunk();
				chunks.putIfAbsent(chunk.id(), chunk);
				scores.merge(chunk.id(), 1.0 / (k + i + 1), Double::sum);
			}
		}
		List<ScoredChunk> fused = new ArrayList<>(chunks.size());
		chunks.forEach((id, chunk) -> fused.add(new ScoredChunk(chunk, scores.get(id))));
		return bestFirst(fused, limit);
	}

	private static List<ScoredChunk> bestFirst(List<ScoredChunk> hits, int limit) {
		hits.sort(RankFusion.BEST_FIRST);
		return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
	}

}
