package io.noterag.query.retrieval.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.ScoredChunk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VariantRankingsTests {

	private static final ChunkRecord A = chunk("a");

	private static final ChunkRecord B = chunk("b");

	private static final ChunkRecord C = chunk("c");

	@Test
	void shouldRankFirstWhatSeveralVariantsFindWhenFusingByReciprocalRank() {
		List<ScoredChunk> fused = VariantRankings
			.reciprocalRank(List.of(List.of(hit(A, 0.9), hit(C, 0.5)), List.of(hit(C, 0.8), hit(B, 0.7))), 60, 10);

		assertThat(fused).extracting((hit) -> hit.chunk().id()).containsExactly("c", "a", "b");
		assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
		assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, within(1e-12));
		assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
	}

	@Test
	void shouldKeepEachChunksBestScoreInTheUnionOfTheVariants() {
		List<ScoredChunk> union = VariantRankings
			.bestScore(List.of(List.of(hit(A, 0.4), hit(C, 0.3)), List.of(hit(C, 0.9), hit(B, 0.2))), 10);

		assertThat(union).extracting((hit) -> hit.chunk().id()).containsExactly("c", "a", "b");
		assertThat(union).extracting(ScoredChunk::score).containsExactly(0.9, 0.4, 0.2);
	}

	@Test
	void shouldKeepAtMostTheLimitAndBreakTiesByChunkId() {
		List<ScoredChunk> fused = VariantRankings.reciprocalRank(List.of(List.of(hit(B, 1)), List.of(hit(A, 1))), 60,
				1);

		assertThat(fused).extracting((hit) -> hit.chunk().id()).containsExactly("a");
	}

	@Test
	void shouldPreferANovelItemToANearDuplicateUnlessRelevanceIsAllThatCounts() {
		List<float[]> vectors = List.of(new float[] { 1, 0 }, new float[] { 1, 0.01f }, new float[] { 0, 1 });

		assertThat(MaximalMarginalRelevance.select(vectors, 2, 0.5, null, 0)).containsExactly(0, 2);
		assertThat(MaximalMarginalRelevance.select(vectors, 2, 1.0, null, 0)).containsExactly(0, 1);
		assertThat(MaximalMarginalRelevance.select(vectors, 5, 0.5, List.of("x", "x", "x"), 2)).hasSize(2);
		assertThat(MaximalMarginalRelevance.select(Arrays.asList(new float[] { 1, 0 }, null), 2, 0.5, null, 0))
			.containsExactly(0, 1);
	}

	private static ScoredChunk hit(ChunkRecord chunk, double score) {
		return new ScoredChunk(chunk, score);
	}

	private static ChunkRecord chunk(String id) {
		return new ChunkRecord(id, "doc-" + id, 0, "text " + id, "t", "", "u", "filesystem", "s", List.of(),
				Instant.now(), List.of("group:everyone"), Map.of(), null);
	}

}
