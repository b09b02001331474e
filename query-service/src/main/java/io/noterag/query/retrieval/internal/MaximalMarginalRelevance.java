package io.noterag.query.retrieval.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximal marginal relevance: picks items one by one, each time the one that maximises
 * {@code lambda * relevance - (1 - lambda) * (highest cosine similarity to an item
 * already picked)}, so that near-duplicates of what was picked give way to items that add
 * something.
 *
 * <p>
 * Relevance is an item's place in the ranking it comes from, scaled from 1 for the first
 * to {@code 1/n} for the last: the first-stage fusion and the reranker decide what is
 * relevant (their scores are on different scales), the dense vectors only what is
 * redundant. An item without a vector is never counted as redundant. Ties go to the
 * better-ranked item.
 */
public final class MaximalMarginalRelevance {

	private MaximalMarginalRelevance() {
	}

	/**
	 * Picks up to {@code count} items.
	 * @param vectors the candidates' vectors, best candidate first; an entry may be
	 * {@code null}
	 * @param count how many to pick
	 * @param lambda relevance against novelty, 0 to 1
	 * @param groups each candidate's group (its document), or {@code null} for no cap
	 * @param maxPerGroup at most this many picks of one group
	 * @return the positions of the candidates picked, in the order picked
	 */
	public static List<Integer> select(List<float[]> vectors, int count, double lambda, List<String> groups,
			int maxPerGroup) {
		int n = vectors.size();
		List<Integer> picked = new ArrayList<>();
		boolean[] taken = new boolean[n];
		double[] redundancy = new double[n];
		Map<String, Integer> perGroup = new HashMap<>();
		while (picked.size() < count) {
			int best = -1;
			double bestValue = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				if (taken[i] || (groups != null && perGroup.getOrDefault(groups.get(i), 0) >= maxPerGroup)) {
					continue;
				}
				double relevance = (double) (n - i) / n;
				double value = lambda * relevance - (1 - lambda) * redundancy[i];
				if (value > bestValue) {
					best = i;
					bestValue = value;
				}
			}
			if (best < 0) {
				break;
			}
			taken[best] = true;
			if (groups != null) {
				perGroup.merge(groups.get(best), 1, Integer::sum);
			}
			float[] chosen = vectors.get(best);
			for (int i = 0; i < n; i++) {
				if (!taken[i]) {
					double similarity = cosine(chosen, vectors.get(i));
					redundancy[i] = picked.isEmpty() ? similarity : Math.max(redundancy[i], similarity);
				}
			}
			picked.add(best);
		}
		return picked;
	}

	/**
	 * The cosine similarity of two vectors.
	 * @param a a vector, may be {@code null}
	 * @param b a vector, may be {@code null}
	 * @return the similarity, 0 when either is missing, empty or of another dimension
	 */
	static double cosine(float[] a, float[] b) {
		if (a == null || b == null || a.length != b.length || a.length == 0) {
			return 0;
		}
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			normA += (double) a[i] * a[i];
			normB += (double) b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0 : dot / Math.sqrt(normA * normB);
	}

	/**
	 * The vectors of items, in their order.
	 * @param ids the items' ids
	 * @param byId vectors by id
	 * @return a list with one entry (or {@code null}) per id
	 */
	public static List<float[]> inOrder(List<String> ids, Map<String, float[]> byId) {
		List<float[]> vectors = new ArrayList<>(ids.size());
		for (String id : ids) {
			vectors.add(byId.get(id));
		}
		return vectors;
	}

}
