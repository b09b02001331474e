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
		Retriever retriever = retriever(this.embedder,
				(question, max) -> List.of(question, "cycled secret credentials"));

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
		Retriever retriever = retriever(this.embedder,
				(question, max) -> List.of(question, "vault key rotated", "rotate vault key"));

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
		HypotheticalAnswers writer = (question) -> "Secret credentials are cycled by the security team monthly.";
		Retriever retriever = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES,
				(question, max) -> List.of(question), null, writer);

		Retrieval retrieval = retriever.retrieve("Who looks after our passwords?",
				new RetrievalPlan(Technique.HYDE, 1, 1, 0, EVERYONE));

		assertThat(retriever.writesHypotheticalAnswers()).isTrue();
		assertThat(documents(retrieval)).containsExactly(id("secrets"));
		assertThat(this.embedder.documents)
			.containsExactly("Secret credentials are cycled by the security team monthly.");
		assertThat(this.embedder.queries).isEmpty();
	}

	@Test
	void shouldRefuseHydeWithoutALanguageModel() {
		Retriever retriever = new Retriever(this.store, this.embedder, RetrieverTests.PROPERTIES);

		assertThat(retriever.writesHypotheticalAnswers()).isFalse();
		assertThatIllegalStateException()
			.isThrownBy(() -> retriever.retrieve(QUESTION, new RetrievalPlan(Technique.HYDE, 1, 1, 1, EVERYONE)))
			.withMessageContaining("language model");
	}

	private Retriever retriever(Embedder embedder, QueryVariants variants) {
		return new Retriever(this.store, embedder, RetrieverTests.PROPERTIES, variants, null, null);
	}

	private static RetrievalPlan keywordsOnly(Technique technique) {
		return new RetrievalPlan(technique, 5, 0, 1, EVERYONE);
	}

}
