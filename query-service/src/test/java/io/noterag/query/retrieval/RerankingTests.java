package io.noterag.query.retrieval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.rerank.Reranker;
import io.noterag.shared.vector.lucene.LuceneVectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.noterag.query.retrieval.ChunkStoreFixture.EVERYONE;
import static io.noterag.query.retrieval.ChunkStoreFixture.document;
import static io.noterag.query.retrieval.ChunkStoreFixture.documents;
import static io.noterag.query.retrieval.ChunkStoreFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reranking over a real Lucene index with a reranker that prefers one passage: the first
 * {@code rerank.candidates} hits are reordered, the rest follow in their first-stage
 * order, and a failing reranker leaves the first-stage order.
 */
@ExtendWith(OutputCaptureExtension.class)
class RerankingTests {

	private static final String QUESTION = "rotate the vault key";

	@TempDir
	Path index;

	private LuceneVectorStore store;

	@BeforeEach
	void fill() {
		this.store = LuceneVectorStore.writer(this.index);
		document(this.store, "a", "Rotate the vault key. The vault key is rotated by ops, vault key first.");
		document(this.store, "b", "Rotate the vault key before the audit.");
		document(this.store, "c", "The vault key opens the archive room.");
		document(this.store, "d", "Keys of the office vault are kept by facilities.");
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void shouldPutFirstTheCandidateTheRerankerPrefersAndKeepTheRestInOrder() {
		List<String> firstStage = texts(retriever(null, 2).retrieve(QUESTION, plan(false, 4)));
		assertThat(firstStage).hasSize(4);
		Preferring reranker = new Preferring(firstStage.get(1));

		Retrieval reranked = retriever(reranker, 2).retrieve(QUESTION, plan(true, 4));

		assertThat(texts(reranked)).containsExactly(firstStage.get(1), firstStage.get(0), firstStage.get(2),
				firstStage.get(3));
		assertThat(reranked.reranker()).isEqualTo("preferring");
		assertThat(reranked.degraded()).isFalse();
		assertThat(reranked.chunks()).extracting(RetrievedChunk::rank).containsExactly(0, 1, 2, 3);
		assertThat(reranked.chunks().get(0).rerankScore()).isEqualTo(1.0);
		assertThat(reranked.chunks().get(2).rerankScore()).isNull();
		// only the first two candidates were scored, each read with its title and heading
		assertThat(reranker.passages).hasSize(2);
		assertThat(reranker.passages.get(1)).startsWith("Title of ")
			.contains("\nHeading 0\n")
			.endsWith(firstStage.get(1));
	}

	@Test
	void shouldLeaveCandidatesBeyondTheRerankedOnesWhereTheyAre() {
		List<String> firstStage = texts(retriever(null, 2).retrieve(QUESTION, plan(false, 4)));

		Retrieval reranked = retriever(new Preferring(firstStage.get(3)), 2).retrieve(QUESTION, plan(true, 4));

		assertThat(texts(reranked)).containsExactlyElementsOf(firstStage);
	}

	@Test
	void shouldRankDocumentsByTheirRerankedBestChunk() {
		Retrieval firstStage = retriever(null, 50).rankDocuments(QUESTION, plan(false, 4));
		String last = firstStage.chunks().get(3).chunk().text();

		Retrieval reranked = retriever(new Preferring(last), 50).rankDocuments(QUESTION, plan(true, 4));

		assertThat(documents(reranked).get(0)).isEqualTo(documents(firstStage).get(3));
		assertThat(reranked.reranker()).isEqualTo("preferring");
	}

	@Test
	void shouldKeepTheFirstStageOrderAndSaySoWhenTheRerankerFails(CapturedOutput output) {
		List<String> firstStage = texts(retriever(null, 50).retrieve(QUESTION, plan(false, 4)));
		Reranker failing = new Reranker() {

			@Override
			public List<Double> score(String query, List<String> passages) {
				throw new IllegalStateException("upstream said 503 for query '" + query + "'");
			}

			@Override
			public String name() {
				return "failing";
			}

		};

		Retrieval retrieval = retriever(failing, 50).retrieve(QUESTION, plan(true, 4));

		assertThat(texts(retrieval)).containsExactlyElementsOf(firstStage);
		assertThat(retrieval.reranker()).isNull();
		assertThat(retrieval.degraded()).isTrue();
		assertThat(output).contains("Reranking with failing failed").doesNotContain(QUESTION);
	}

	@Test
	void shouldTreatAWrongNumberOfScoresAsAFailure() {
		Reranker short1 = new Reranker() {

			@Override
			public List<Double> score(String query, List<String> passages) {
				return List.of(1.0);
			}

			@Override
			public String name() {
				return "short";
			}

		};

		Retrieval retrieval = retriever(short1, 50).retrieve(QUESTION, plan(true, 4));

		assertThat(retrieval.degraded()).isTrue();
		assertThat(retrieval.reranker()).isNull();
	}

	@Test
	void shouldNotCallTheRerankerUnlessThePlanAsks() {
		Preferring reranker = new Preferring("anything");

		Retrieval retrieval = retriever(reranker, 50).retrieve(QUESTION, plan(false, 4));

		assertThat(reranker.passages).isEmpty();
		assertThat(retrieval.reranker()).isNull();
		assertThat(retriever(reranker, 50).reranks()).isTrue();
		assertThat(retriever(null, 50).reranks()).isFalse();
	}

	private Retriever retriever(Reranker reranker, int candidates) {
		RetrievalProperties properties = new RetrievalProperties(50, FusionMethod.RRF, 60, 1, 1, 5, 20, 2, 500, 3, 0.7,
				0, 2, new RetrievalProperties.Rerank(false, candidates));
		return new Retriever(this.store, new WordHashEmbedder(), properties,
				(question, max, deadline) -> new QueryVariants.Variants(List.of(question), "test", false), reranker,
				null);
	}

	private static RetrievalPlan plan(boolean rerank, int topK) {
		return new RetrievalPlan(Technique.SPARSE, topK, 1, 1, EVERYONE, rerank, false, 0.7, 0);
	}

	/** Scores 1 the passage that ends with the given text, 0 the others. */
	private static final class Preferring implements Reranker {

		private final String preferred;

		final List<String> passages = new ArrayList<>();

		Preferring(String preferred) {
			this.preferred = preferred;
		}

		@Override
		public List<Double> score(String query, List<String> passages) {
			this.passages.addAll(passages);
			return passages.stream().map((passage) -> passage.endsWith(this.preferred) ? 1.0 : 0.0).toList();
		}

		@Override
		public String name() {
			return "preferring";
		}

	}

}
