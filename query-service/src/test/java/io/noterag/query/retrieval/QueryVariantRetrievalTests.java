package io.noterag.query.retrieval;

import java.nio.file.Path;
import java.util.List;

import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.embedding.Embedder;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code multi_query}, {@code rag_fusion} and {@code hyde} over a real Lucene index.
 */
class QueryVariantRetrievalTests {

	private static final String QUESTION = "How do we rotate the vault key?";

	@TempDir
	Path index;

	private LuceneVectorStore store;

	private final WordHashEmbedder embedder = new WordHashEmbedder();

	@BeforeEach
	void fill() {
		this.store = LuceneVectorStore.writer(this.index);
		document(this.store, "vault", "Rotate the vault key every quarter.");
		document(this.store, "secrets", "Secret credentials are cycled by the security team.");
		document(this.store, "canteen", "Lunch is served in the canteen from noon.");
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void shouldAlsoFindWhatOnlyAVariantOfTheQuestionMatches() {
		Retriever retriever = retriever(this.embedder, written(QUESTION, "cycled secret credentials"));

		for (Technique technique : List.of(Technique.MULTI_QUERY, Technique.RAG_FUSION)) {
			Retrieval retrieval = retriever.retrieve(QUESTION, keywordsOnly(technique));
			assertThat(documents(retrieval)).as(technique.id()).containsExactlyInAnyOrder(id("vault"), id("secrets"));
		}
		assertThat(documents(retriever.retrieve(QUESTION, keywordsOnly(Technique.HYBRID))))
			.containsExactly(id("vault"));
		assertThat(documents(retriever.rankDocuments(QUESTION, keywordsOnly(Technique.RAG_FUSION))))
			.containsExactlyInAnyOrder(id("vault"), id("secrets"));
	}

	@Test
	void shouldEmbedEachVariantOnceAndNoneWhenTheDenseSideDoesNotCount() {
		Retriever retriever = retriever(this.embedder, written(QUESTION, "vault key rotated", "rotate vault key"));

		Retrieval withDense = retriever.retrieve(QUESTION, new RetrievalPlan(Technique.RAG_FUSION, 5, 1, 1, EVERYONE));
		assertThat(this.embedder.queries).containsExactly(QUESTION, "vault key rotated", "rotate vault key");
		assertThat(withDense.embeddingModel()).isEqualTo("word-hash");
		assertThat(documents(withDense).get(0)).isEqualTo(id("vault"));

		this.embedder.queries.clear();
		Retrieval keywords = retriever.retrieve(QUESTION, keywordsOnly(Technique.MULTI_QUERY));
		assertThat(this.embedder.queries).isEmpty();
		assertThat(keywords.embeddingModel()).isNull();
	}

	@Test
	void shouldSearchWithAtMostTheConfiguredNumberOfRuleWrittenVariants() {
		RetrievalProperties two = new RetrievalProperties(50, FusionMethod.RRF, 60, 1, 1, 5, 20, 2, 500, 2, 0.7, 0, 2,
				new RetrievalProperties.Rerank(false, 50));
		Retriever retriever = new Retriever(this.store, this.embedder, two);

		retriever.retrieve(QUESTION, new RetrievalPlan(Technique.MULTI_QUERY, 5, 1, 1, EVERYONE));

		assertThat(this.embedder.queries).containsExactly(QUESTION, "we rotate the vault key");
	}

	@Test
	void shouldSearchTheDenseSideWithTheEmbeddingOfAHypotheticalAnswer() {
		HypotheticalAnswers writer = (question, deadline) -> new HypotheticalAnswers.Passage(
				"Secret credentials are cycled by the security team monthly.", "openai:gpt-4o-mini");
		Retriever retriever = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES, written(QUESTION),
				null, writer);

		Retrieval retrieval = retriever.retrieve("Who looks after our passwords?",
				new RetrievalPlan(Technique.HYDE, 1, 1, 0, EVERYONE));

		assertThat(retriever.writesHypotheticalAnswers()).isTrue();
		assertThat(documents(retrieval)).containsExactly(id("secrets"));
		assertThat(this.embedder.documents)
			.containsExactly("Secret credentials are cycled by the security team monthly.");
		assertThat(this.embedder.queries).isEmpty();
		assertThat(retrieval.hypotheticalAnswerGenerator()).isEqualTo("openai:gpt-4o-mini");
		assertThat(retrieval.degraded()).isFalse();
	}

	@Test
	void shouldSearchWithTheQuestionAndSayDegradedWhenNoModelWritesAHypotheticalAnswer() {
		HypotheticalAnswers silent = (question, deadline) -> null;
		Retriever retriever = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES, written(QUESTION),
				null, silent);

		Retrieval retrieval = retriever.retrieve(QUESTION, new RetrievalPlan(Technique.HYDE, 1, 1, 1, EVERYONE));

		assertThat(documents(retrieval)).containsExactly(id("vault"));
		assertThat(this.embedder.queries).containsExactly(QUESTION);
		assertThat(retrieval.degraded()).isTrue();
		assertThat(retrieval.hypotheticalAnswerGenerator()).isNull();
	}

	@Test
	void shouldSearchWithRuleWrittenVariantsAndSayDegradedWhenTheModelWritesNone() {
		QueryVariants silent = (question, max, deadline) -> null;
		Retriever retriever = retriever(this.embedder, silent);

		Retrieval retrieval = retriever.retrieve(QUESTION, new RetrievalPlan(Technique.MULTI_QUERY, 5, 1, 1, EVERYONE));

		assertThat(this.embedder.queries).containsExactly(QUESTION, "we rotate the vault key", "rotate vault key");
		assertThat(retrieval.variantsGenerator()).isEqualTo("rules");
		assertThat(retrieval.degraded()).isTrue();
	}

	@Test
	void shouldSayWhoWroteTheVariants() {
		Retriever byModel = retriever(this.embedder, written(QUESTION, "cycled secret credentials"));
		Retriever byRules = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES);

		Retrieval model = byModel.retrieve(QUESTION, keywordsOnly(Technique.RAG_FUSION));
		Retrieval rules = byRules.retrieve(QUESTION, keywordsOnly(Technique.RAG_FUSION));

		assertThat(model.variantsGenerator()).isEqualTo("openai:gpt-4o-mini");
		assertThat(model.degraded()).isFalse();
		assertThat(rules.variantsGenerator()).isEqualTo("rules");
		assertThat(rules.degraded()).as("no model is configured: the rules are the normal case").isFalse();
		assertThat(byRules.retrieve(QUESTION, keywordsOnly(Technique.HYBRID)).variantsGenerator()).isNull();
	}

	@Test
	void shouldRefuseHydeWithoutALanguageModel() {
		Retriever retriever = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES);

		assertThat(retriever.writesHypotheticalAnswers()).isFalse();
		HypotheticalAnswers unconfigured = new HypotheticalAnswers() {
			@Override
			public Passage write(String question, java.time.Instant deadline) {
				return null;
			}

			@Override
			public boolean available() {
				return false;
			}
		};
		assertThat(new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES, (QueryVariants) null, null,
				unconfigured)
			.writesHypotheticalAnswers()).isFalse();
		assertThatIllegalStateException()
			.isThrownBy(() -> retriever.retrieve(QUESTION, new RetrievalPlan(Technique.HYDE, 1, 1, 1, EVERYONE)))
			.withMessageContaining("language model");
	}

	private Retriever retriever(Embedder embedder, QueryVariants variants) {
		return new Retriever(this.store, embedder, RetrieverTests.PROPERTIES, variants, null, null);
	}

	/** Variants as a language model writes them: the question, then the given texts. */
	private static QueryVariants written(String question, String... variants) {
		List<String> texts = new java.util.ArrayList<>(List.of(question));
		texts.addAll(List.of(variants));
		return (asked, max, deadline) -> new QueryVariants.Variants(texts, "openai:gpt-4o-mini", false);
	}

	private static RetrievalPlan keywordsOnly(Technique technique) {
		return new RetrievalPlan(technique, 5, 0, 1, EVERYONE);
	}

}
