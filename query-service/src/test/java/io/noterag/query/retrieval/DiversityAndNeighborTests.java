package io.noterag.query.retrieval;

import java.nio.file.Path;
import java.util.List;

import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.lucene.LuceneVectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.noterag.query.retrieval.ChunkStoreFixture.EVERYONE;
import static io.noterag.query.retrieval.ChunkStoreFixture.document;
import static io.noterag.query.retrieval.ChunkStoreFixture.documents;
import static io.noterag.query.retrieval.ChunkStoreFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maximal marginal relevance over the chunks' stored vectors, and neighbouring chunks
 * added to the answer's text, over a real Lucene index.
 */
class DiversityAndNeighborTests {

	private static final String DUPLICATE = "Rotate the vault key and restart the vault worker.";

	@TempDir
	Path index;

	private LuceneVectorStore store;

	private Retriever retriever;

	@BeforeEach
	void fill() {
		this.store = LuceneVectorStore.writer(this.index);
		// three copies of one page (one vector), and a different page that matches less
		for (String name : List.of("copy-1", "copy-2", "copy-3")) {
			document(this.store, name, List.of(axis(0)), DUPLICATE);
		}
		document(this.store, "other", List.of(axis(1)), "The vault is in the basement.");
		document(this.store, "runbook", "Part zero is about lunch.", "Part one is about bicycles.",
				"Step two: rotate the vault key.", "Step three: restart the vault worker.",
				"Part four is about parking.", "Part five is about coffee.");
		this.retriever = new Retriever(this.store, new WordHashEmbedder(), RetrieverTests.PROPERTIES);
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void shouldPreferADifferentChunkToANearDuplicateOfTheFirst() {
		RetrievalPlan filtered = new RetrievalPlan(Technique.SPARSE, 2, 1, 1, copiesAndOther());

		assertThat(documents(this.retriever.retrieve("rotate the vault key", filtered))).hasSize(2)
			.doesNotContain(id("other"));
		assertThat(documents(this.retriever.retrieve("rotate the vault key", mmr(filtered, 0.5))))
			.containsExactly(documents(this.retriever.retrieve("rotate the vault key", filtered)).get(0), id("other"));
		assertThat(documents(this.retriever.retrieve("rotate the vault key", mmr(filtered, 1.0))))
			.doesNotContain(id("other"));
	}

	@Test
	void shouldChooseDiverseDocumentsForADocumentSearch() {
		RetrievalPlan filtered = new RetrievalPlan(Technique.SPARSE, 2, 1, 1, copiesAndOther());

		assertThat(documents(this.retriever.rankDocuments("rotate the vault key", filtered)))
			.doesNotContain(id("other"));
		assertThat(documents(this.retriever.rankDocuments("rotate the vault key", mmr(filtered, 0.5)))).hasSize(2)
			.contains(id("other"));
	}

	@Test
	void shouldKeepTheCapPerDocumentWhenChoosingByMarginalRelevance() {
		document(this.store, "thrice", List.of(axis(2), axis(3), axis(4)), DUPLICATE, DUPLICATE, DUPLICATE);
		RetrievalPlan plan = new RetrievalPlan(Technique.SPARSE, 5, 1, 1, only("thrice"), false, true, 0.0, 0);

		assertThat(documents(this.retriever.retrieve("rotate the vault key", plan))).hasSize(2);
	}

	@Test
	void shouldHandTheAnswerTheNeighboursOfEachChunkOnceAndCiteTheChunkItself() {
		RetrievalPlan plan = neighbors(1);

		Retrieval retrieval = this.retriever.retrieve("vault", plan);

		assertThat(retrieval.chunks()).extracting((c) -> c.chunk().chunkIndex()).containsExactlyInAnyOrder(2, 3);
		RetrievedChunk two = chunk(retrieval, 2);
		RetrievedChunk three = chunk(retrieval, 3);
		assertThat(two.chunk().text()).isEqualTo("Part one is about bicycles.\nStep two: rotate the vault key.");
		assertThat(three.chunk().text())
			.isEqualTo("Step three: restart the vault worker.\nPart four is about parking.");
		assertThat(two.chunk().heading()).isEqualTo("Heading 2");
		assertThat(two.chunk().id()).isEqualTo(ChunkIds.chunkId(id("runbook"), 2));
		assertThat(three.chunk().id()).isEqualTo(ChunkIds.chunkId(id("runbook"), 3));
	}

	@Test
	void shouldGiveEachNeighbourToTheNearestRetrievedChunk() {
		Retrieval retrieval = this.retriever.retrieve("vault", neighbors(2));

		assertThat(chunk(retrieval, 2).chunk().text())
			.isEqualTo("Part zero is about lunch.\nPart one is about bicycles.\nStep two: rotate the vault key.");
		assertThat(chunk(retrieval, 3).chunk().text()).isEqualTo(
				"Step three: restart the vault worker.\nPart four is about parking.\nPart five is about coffee.");
	}

	@Test
	void shouldLeaveTheTextAloneWithoutNeighboursAndInADocumentSearch() {
		assertThat(chunk(this.retriever.retrieve("vault", neighbors(0)), 2).chunk().text())
			.isEqualTo("Step two: rotate the vault key.");
		assertThat(this.retriever.rankDocuments("vault", neighbors(2)).chunks().get(0).chunk().text())
			.doesNotContain("\n");
	}

	private static RetrievedChunk chunk(Retrieval retrieval, int index) {
		return retrieval.chunks().stream().filter((c) -> c.chunk().chunkIndex() == index).findFirst().orElseThrow();
	}

	private static RetrievalPlan neighbors(int count) {
		return new RetrievalPlan(Technique.SPARSE, 5, 1, 1, only("runbook"), false, false, 0.7, count);
	}

	private static RetrievalPlan mmr(RetrievalPlan plan, double lambda) {
		return new RetrievalPlan(plan.technique(), plan.topK(), plan.denseWeight(), plan.sparseWeight(), plan.filter(),
				false, true, lambda, 0);
	}

	private static SearchFilter copiesAndOther() {
		return new SearchFilter(EVERYONE.principals(), null, null, null, null,
				List.of(id("copy-1"), id("copy-2"), id("copy-3"), id("other")), null);
	}

	private static SearchFilter only(String name) {
		return new SearchFilter(EVERYONE.principals(), null, null, null, null, List.of(id(name)), null);
	}

	private static float[] axis(int axis) {
		float[] vector = new float[WordHashEmbedder.DIMENSION];
		vector[axis] = 1;
		return vector;
	}

}
