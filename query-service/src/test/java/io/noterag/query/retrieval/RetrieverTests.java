package io.noterag.query.retrieval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.lucene.LuceneVectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyword retrieval over a real Lucene index: the per-document cap, top k and the
 * principals. The question is never embedded for keyword retrieval, so the embedder here
 * fails when called.
 */
class RetrieverTests {

	static final RetrievalProperties PROPERTIES = new RetrievalProperties(50, FusionMethod.RRF, 60, 1, 1, 5, 20, 2, 500,
			3, 0.7, 0, 2, new RetrievalProperties.Rerank(false, 50));

	@TempDir
	Path index;

	private LuceneVectorStore store;

	private Retriever retriever;

	@BeforeEach
	void fill() {
		this.store = LuceneVectorStore.writer(this.index);
		page("long-runbook", 6, List.of("group:everyone"));
		page("short-note", 1, List.of("group:everyone"));
		page("other-note", 1, List.of("group:everyone"));
		page("secret-note", 2, List.of("user:bob"));
		this.retriever = new Retriever(this.store, new NotToBeCalled(), PROPERTIES);
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void shouldKeepAtMostTwoChunksOfOneDocument() {
		Retrieval retrieval = this.retriever.retrieve("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 5, 1, 1, SearchFilter.forPrincipals(List.of("group:everyone"))));

		assertThat(retrieval.candidates()).isEqualTo(8);
		assertThat(retrieval.chunks()).hasSize(4);
		assertThat(retrieval.chunks().stream().filter((c) -> c.chunk().documentId().equals(id("long-runbook"))))
			.hasSize(2);
		assertThat(retrieval.chunks()).extracting(RetrievedChunk::rank).isSorted();
		assertThat(retrieval.embeddingModel()).isNull();
	}

	@Test
	void shouldKeepTopK() {
		Retrieval retrieval = this.retriever.retrieve("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 2, 1, 1, SearchFilter.forPrincipals(List.of("group:everyone"))));

		assertThat(retrieval.chunks()).hasSize(2);
	}

	@Test
	void shouldOnlyFindWhatThePrincipalsMayRead() {
		Retrieval everyone = this.retriever.retrieve("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 20, 1, 1, SearchFilter.forPrincipals(List.of("group:everyone"))));
		Retrieval bob = this.retriever.retrieve("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 20, 1, 1, SearchFilter.forPrincipals(List.of("user:bob"))));

		assertThat(everyone.chunks()).noneMatch((c) -> c.chunk().documentId().equals(id("secret-note")));
		assertThat(bob.chunks()).isNotEmpty().allMatch((c) -> c.chunk().documentId().equals(id("secret-note")));
	}

	@Test
	void shouldRankEachDocumentOnceByItsBestChunk() {
		Retrieval retrieval = this.retriever.rankDocuments("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 10, 1, 1, SearchFilter.forPrincipals(List.of("group:everyone"))));

		assertThat(retrieval.chunks()).extracting((c) -> c.chunk().documentId())
			.containsExactlyInAnyOrder(id("long-runbook"), id("short-note"), id("other-note"));
		assertThat(retrieval.chunks()).extracting(RetrievedChunk::rank).containsExactly(0, 1, 2);
		assertThat(retrieval.chunks()).extracting(RetrievedChunk::score)
			.isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(retrieval.candidates()).isEqualTo(8);
	}

	@Test
	void shouldRankAtMostTheWantedNumberOfDocuments() {
		Retrieval retrieval = this.retriever.rankDocuments("rotate the vault key",
				new RetrievalPlan(Technique.SPARSE, 2, 1, 1, SearchFilter.forPrincipals(List.of("group:everyone"))));

		assertThat(retrieval.chunks()).hasSize(2);
		assertThat(retrieval.chunks()).extracting((c) -> c.chunk().documentId()).doesNotHaveDuplicates();
	}

	private void page(String name, int chunks, List<String> principals) {
		String documentId = id(name);
		List<ChunkRecord> records = new ArrayList<>();
		for (int i = 0; i < chunks; i++) {
			float[] vector = new float[8];
			vector[i % 8] = 1;
			records.add(new ChunkRecord(ChunkIds.chunkId(documentId, i), documentId, i,
					"Step " + i + " of " + name + ": rotate the vault key and restart the worker.", name, "",
					"/notes/" + name + ".md", "filesystem", "src", List.of(), Instant.now(), principals, Map.of(),
					vector));
		}
		this.store.replaceDocument(documentId, records);
	}

	private static String id(String name) {
		return ChunkIds.documentId("src", name);
	}

	private static final class NotToBeCalled implements Embedder {

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			throw new AssertionError("keyword retrieval must not embed");
		}

		@Override
		public float[] embedQuery(String query) {
			throw new AssertionError("keyword retrieval must not embed");
		}

		@Override
		public int dimension() {
			return 8;
		}

		@Override
		public String modelName() {
			return "none";
		}

	}

}
