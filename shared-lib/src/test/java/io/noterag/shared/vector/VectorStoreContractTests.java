package io.noterag.shared.vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviour every {@link VectorStore} adapter must have. An adapter's test extends
 * this class and opens an empty store in {@link #createStore()}; the class ships in
 * shared-lib's test-jar.
 *
 * <p>
 * Vectors here have {@link #DIMENSION} dimensions and are built from axes, so that cosine
 * similarities are known exactly.
 */
public abstract class VectorStoreContractTests {

	/** The dimension of every vector in these tests. */
	protected static final int DIMENSION = 8;

	protected static final SearchFilter EVERYTHING = SearchFilter.forPrincipals(List.of(SearchFilter.ALL));

	protected static final String EVERYONE = "group:everyone";

	protected static final Instant MODIFIED = Instant.parse("2024-03-01T10:15:30.123456789Z");

	protected VectorStore store;

	/**
	 * Opens a new, empty store. Each test gets its own.
	 * @return the store
	 * @throws Exception when it cannot be opened
	 */
	protected abstract VectorStore createStore() throws Exception;

	@BeforeEach
	void openStore() throws Exception {
		this.store = createStore();
	}

	@AfterEach
	void closeStore() throws Exception {
		if (this.store instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Test
	void shouldHoldADocumentOnceWhenTheSameVersionIsWrittenTwice() {
		List<ChunkRecord> chunks = List.of(chunk("a", 0).text("first part").build(),
				chunk("a", 1).text("second part").build());

		this.store.replaceDocument(doc("a"), chunks);
		this.store.replaceDocument(doc("a"), chunks);

		assertThat(this.store.count()).isEqualTo(2);
		assertThat(this.store.chunksOf(doc("a"), EVERYTHING)).extracting(ChunkRecord::text)
			.containsExactly("first part", "second part");
	}

	@Test
	void shouldForgetTheChunksThatANewVersionOfADocumentNoLongerHas() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("alpha opening").build(),
				chunk("a", 1).text("bravo middle").build(), chunk("a", 2).text("charlie ending").build()));

		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("alpha rewritten").build()));

		assertThat(this.store.count()).isEqualTo(1);
		assertThat(this.store.chunksOf(doc("a"), EVERYTHING)).extracting(ChunkRecord::text)
			.containsExactly("alpha rewritten");
		assertThat(this.store.keywordSearch("charlie", 10, EVERYTHING)).isEmpty();
		assertThat(this.store.denseSearch(axis(0), 10, EVERYTHING)).hasSize(1);
	}

	@Test
	void shouldRemoveADocumentReplacedByNoChunks() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).build()));

		this.store.replaceDocument(doc("a"), List.of());

		assertThat(this.store.chunksOf(doc("a"), EVERYTHING)).isEmpty();
		assertThat(this.store.count()).isEqualTo(1);
	}

	@Test
	void shouldDeleteOnlyTheGivenDocument() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("apples").build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).text("bananas").build()));

		this.store.deleteDocument(doc("a"));
		this.store.deleteDocument(doc("never-indexed"));

		assertThat(this.store.keywordSearch("apples", 10, EVERYTHING)).isEmpty();
		assertThat(this.store.keywordSearch("bananas", 10, EVERYTHING)).extracting((hit) -> hit.chunk().documentId())
			.containsExactly(doc("b"));
		assertThat(this.store.count()).isEqualTo(1);
	}

	@Test
	void shouldDeleteEveryChunkOfADataSourceAndNothingElse() {
		this.store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).dataSource("ds-1").build(), chunk("a", 1).dataSource("ds-1").build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).dataSource("ds-1").build()));
		this.store.replaceDocument(doc("c"), List.of(chunk("c", 0).dataSource("ds-2").build()));

		this.store.deleteDataSource("ds-1");

		assertThat(this.store.count()).isEqualTo(1);
		assertThat(this.store.denseSearch(axis(0), 10, EVERYTHING)).extracting((hit) -> hit.chunk().documentId())
			.containsExactly(doc("c"));
	}

	@Test
	void shouldNeverReturnAChunkToSomeoneItsPrincipalsDoNotName() {
		this.store.replaceDocument(doc("secret"),
				List.of(chunk("secret", 0).text("the quokka budget is secret")
					.vector(axis(0))
					.principals("user:alice")
					.build()));
		SearchFilter bob = SearchFilter.forPrincipals(List.of("user:bob", EVERYONE));
		SearchFilter alice = SearchFilter.forPrincipals(List.of("user:alice"));
		SearchFilter nobody = SearchFilter.forPrincipals(List.of());

		for (SearchFilter denied : List.of(bob, nobody)) {
			assertThat(this.store.denseSearch(axis(0), 10, denied)).isEmpty();
			assertThat(this.store.keywordSearch("quokka budget", 10, denied)).isEmpty();
			assertThat(this.store.hybridSearch(hybrid("quokka budget", axis(0), denied))).isEmpty();
			assertThat(this.store.chunksOf(doc("secret"), denied)).isEmpty();
		}
		for (SearchFilter allowed : List.of(alice, EVERYTHING)) {
			assertThat(this.store.denseSearch(axis(0), 10, allowed)).hasSize(1);
			assertThat(this.store.keywordSearch("quokka budget", 10, allowed)).hasSize(1);
			assertThat(this.store.hybridSearch(hybrid("quokka budget", axis(0), allowed))).hasSize(1);
			assertThat(this.store.chunksOf(doc("secret"), allowed)).hasSize(1);
		}
	}

	@Test
	void shouldApplyFiltersInsideTheSearchesNotToTheirFirstResults() {
		for (int i = 0; i < 12; i++) {
			String name = "private-" + i;
			this.store.replaceDocument(doc(name),
					List.of(chunk(name, 0).text("meeting notes meeting notes meeting")
						.vector(mix(0, 1, 0.04f * i))
						.principals("user:alice")
						.build()));
		}
		this.store.replaceDocument(doc("shared"),
				List.of(chunk("shared", 0).text("a long page that mentions a meeting once among many other words")
					.vector(axis(5))
					.principals(EVERYONE)
					.build()));
		SearchFilter bob = SearchFilter.forPrincipals(List.of("user:bob", EVERYONE));

		assertThat(this.store.denseSearch(axis(0), 1, bob)).extracting((hit) -> hit.chunk().documentId())
			.containsExactly(doc("shared"));
		assertThat(this.store.keywordSearch("meeting", 1, bob)).extracting((hit) -> hit.chunk().documentId())
			.containsExactly(doc("shared"));
		assertThat(this.store.hybridSearch(new HybridQuery("meeting", axis(0), 1, 1, 1, 1, 60, bob)))
			.extracting((hit) -> hit.chunk().documentId())
			.containsExactly(doc("shared"));
	}

	@Test
	void shouldKeepOnlyTheRequestedSourceTypes() {
		this.store.replaceDocument(doc("file"), List.of(chunk("file", 0).sourceType("filesystem").build()));
		this.store.replaceDocument(doc("page"), List.of(chunk("page", 0).sourceType("onenote").build()));
		this.store.replaceDocument(doc("table"), List.of(chunk("table", 0).sourceType("databricks").build()));
		SearchFilter filter = new SearchFilter(List.of(SearchFilter.ALL), List.of("onenote", "databricks"), null, null,
				null, null, null);

		assertThat(this.store.denseSearch(axis(0), 10, filter)).extracting((hit) -> hit.chunk().documentId())
			.containsExactlyInAnyOrder(doc("page"), doc("table"));
		assertThat(this.store.keywordSearch("common words", 10, filter)).extracting((hit) -> hit.chunk().sourceType())
			.containsOnly("onenote", "databricks")
			.hasSize(2);
	}

	@Test
	void shouldKeepChunksThatCarryAnyOfTheRequestedTags() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).tags("finance", "2024").build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).tags("travel").build()));
		this.store.replaceDocument(doc("c"), List.of(chunk("c", 0).tags("recipes").build()));
		this.store.replaceDocument(doc("d"), List.of(chunk("d", 0).build()));
		SearchFilter filter = new SearchFilter(List.of(SearchFilter.ALL), null, List.of("finance", "travel"), null,
				null, null, null);

		assertThat(this.store.denseSearch(axis(0), 10, filter)).extracting((hit) -> hit.chunk().documentId())
			.containsExactlyInAnyOrder(doc("a"), doc("b"));
		assertThat(this.store.keywordSearch("common words", 10, filter)).extracting((hit) -> hit.chunk().documentId())
			.containsExactlyInAnyOrder(doc("a"), doc("b"));
	}

	@Test
	void shouldKeepChunksModifiedWithinTheDateRangeIncludingBothEnds() {
		Instant march = Instant.parse("2024-03-01T00:00:00Z");
		Instant april = Instant.parse("2024-04-01T00:00:00Z");
		Instant may = Instant.parse("2024-05-01T00:00:00Z");
		this.store.replaceDocument(doc("march"), List.of(chunk("march", 0).modifiedAt(march).build()));
		this.store.replaceDocument(doc("april"), List.of(chunk("april", 0).modifiedAt(april).build()));
		this.store.replaceDocument(doc("may"), List.of(chunk("may", 0).modifiedAt(may).build()));

		assertThat(documentIds(this.store.denseSearch(axis(0), 10, modified(march, april))))
			.containsExactlyInAnyOrder(doc("march"), doc("april"));
		assertThat(documentIds(this.store.denseSearch(axis(0), 10, modified(april, null))))
			.containsExactlyInAnyOrder(doc("april"), doc("may"));
		assertThat(documentIds(this.store.keywordSearch("common words", 10, modified(null, march))))
			.containsExactly(doc("march"));
		assertThat(documentIds(this.store.denseSearch(axis(0), 10, modified(april.plusNanos(1), may.minusNanos(1)))))
			.isEmpty();
	}

	@Test
	void shouldKeepOnlyTheSelectedDocuments() {
		for (String name : List.of("a", "b", "c")) {
			this.store.replaceDocument(doc(name), List.of(chunk(name, 0).build(), chunk(name, 1).build()));
		}
		SearchFilter filter = new SearchFilter(List.of(SearchFilter.ALL), null, null, null, null,
				List.of(doc("a"), doc("c")), null);

		assertThat(documentIds(this.store.denseSearch(axis(0), 10, filter))).hasSize(4)
			.containsOnly(doc("a"), doc("c"));
		assertThat(documentIds(this.store.hybridSearch(hybrid("common words", axis(0), filter)))).hasSize(4)
			.containsOnly(doc("a"), doc("c"));
	}

	@Test
	void shouldKeepOnlyTheRequestedDataSources() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).dataSource("ds-1").build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).dataSource("ds-2").build()));
		SearchFilter filter = new SearchFilter(List.of(SearchFilter.ALL), null, null, null, null, null,
				List.of("ds-2"));

		assertThat(documentIds(this.store.keywordSearch("common words", 10, filter))).containsExactly(doc("b"));
		assertThat(documentIds(this.store.denseSearch(axis(0), 10, filter))).containsExactly(doc("b"));
	}

	@Test
	void shouldFindTheNearestVectorFirstScoredByCosineSimilarity() {
		this.store.replaceDocument(doc("exact"), List.of(chunk("exact", 0).vector(axis(2)).build()));
		// cosine with axis 2 is 0.6
		this.store.replaceDocument(doc("near"), List.of(chunk("near", 0).vector(vector(2, 0.6f, 3, 0.8f)).build()));
		this.store.replaceDocument(doc("far"), List.of(chunk("far", 0).vector(axis(4)).build()));

		List<ScoredChunk> hits = this.store.denseSearch(scaled(axis(2), 3f), 2, EVERYTHING);

		assertThat(documentIds(hits)).containsExactly(doc("exact"), doc("near"));
		assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-3));
		assertThat(hits.get(1).score()).isCloseTo(0.6, within(1e-3));
		assertThat(hits.get(0).chunk().vector()).isNull();
	}

	@Test
	void shouldRankTheChunkWithTheExactTermFirstInAKeywordSearch() {
		this.store.replaceDocument(doc("brewing"),
				List.of(chunk("brewing", 0)
					.text("Zymurgy is the branch of chemistry that studies fermentation in brewing.")
					.build()));
		this.store.replaceDocument(doc("chemistry"),
				List.of(chunk("chemistry", 0).text("Organic chemistry studies carbon compounds.").build()));
		this.store.replaceDocument(doc("garden"),
				List.of(chunk("garden", 0).text("Tomatoes need sun and water.").build()));

		List<ScoredChunk> hits = this.store.keywordSearch("What is zymurgy?", 10, EVERYTHING);

		assertThat(documentIds(hits)).containsExactly(doc("brewing"));
		assertThat(hits.get(0).score()).isPositive();
		assertThat(hits.get(0).chunk().text())
			.isEqualTo("Zymurgy is the branch of chemistry that studies fermentation in brewing.");
	}

	@Test
	void shouldSearchTitlesAndHeadingsByKeyword() {
		this.store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).title("Quarterly budget review")
					.heading("Marketing > Expenses")
					.text("Numbers only: 12, 14, 19.")
					.build()));

		assertThat(documentIds(this.store.keywordSearch("budget", 10, EVERYTHING))).containsExactly(doc("a"));
		assertThat(documentIds(this.store.keywordSearch("expenses", 10, EVERYTHING))).containsExactly(doc("a"));
	}

	@Test
	void shouldRankFirstWhatBothSearchesRankFirst() {
		this.store.replaceDocument(doc("both"),
				List.of(chunk("both", 0).text("The heron nests by the river").vector(axis(1)).build()));
		this.store.replaceDocument(doc("dense-only"),
				List.of(chunk("dense-only", 0).text("Birds by water").vector(mix(1, 2, 0.3f)).build()));
		this.store.replaceDocument(doc("keyword-only"),
				List.of(chunk("keyword-only", 0).text("A heron was seen").vector(axis(6)).build()));

		List<ScoredChunk> hits = this.store
			.hybridSearch(new HybridQuery("heron river", axis(1), 3, 10, 1.0, 1.0, 60, EVERYTHING));

		// both: rank 1 twice; keyword-only: dense rank 3, keyword rank 2; dense-only:
		// dense rank 2
		assertThat(documentIds(hits)).containsExactly(doc("both"), doc("keyword-only"), doc("dense-only"));
		assertThat(hits.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 61, within(1e-9));
		assertThat(hits.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 62, within(1e-9));
		assertThat(hits.get(2).score()).isCloseTo(1.0 / 62, within(1e-9));
	}

	@Test
	void shouldFuseByTheWeightedSumOfMinMaxNormalisedScoresWhenAskedForConvexFusion() {
		this.store.replaceDocument(doc("both"),
				List.of(chunk("both", 0).text("The heron nests by the river").vector(axis(1)).build()));
		this.store.replaceDocument(doc("dense-only"),
				List.of(chunk("dense-only", 0).text("Birds by water").vector(mix(1, 2, 0.3f)).build()));
		this.store.replaceDocument(doc("keyword-only"),
				List.of(chunk("keyword-only", 0).text("A heron was seen").vector(axis(6)).build()));

		List<ScoredChunk> hits = this.store.hybridSearch(
				new HybridQuery("heron river", axis(1), 3, 10, 0.6, 0.4, 60, EVERYTHING, 0, FusionMethod.CONVEX));

		// dense: both 1, dense-only 0.7/|(0.7,0.3)|, keyword-only 0 (the lowest) once
		// normalised; keyword: both 1, keyword-only 0 (the lowest), dense-only absent.
		// Unlike reciprocal rank, the near miss of the dense side beats the weak keyword
		// hit
		double denseOnly = 0.7 / Math.sqrt(0.7 * 0.7 + 0.3 * 0.3);
		assertThat(documentIds(hits)).containsExactly(doc("both"), doc("dense-only"), doc("keyword-only"));
		assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
		assertThat(hits.get(1).score()).isCloseTo(0.6 * denseOnly, within(1e-4));
		assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-6));
	}

	@Test
	void shouldFollowTheWeightsWhenTheTwoSearchesDisagree() {
		this.store.replaceDocument(doc("semantic"),
				List.of(chunk("semantic", 0).text("Unrelated wording entirely").vector(axis(3)).build()));
		this.store.replaceDocument(doc("lexical"),
				List.of(chunk("lexical", 0).text("pelican pelican pelican").vector(mix(3, 7, 0.9f)).build()));

		// one candidate per side: the dense side offers only "semantic", the keyword side
		// only "lexical"
		List<ScoredChunk> denseHeavy = this.store
			.hybridSearch(new HybridQuery("pelican", axis(3), 1, 1, 1.0, 0.2, 60, EVERYTHING));
		List<ScoredChunk> keywordHeavy = this.store
			.hybridSearch(new HybridQuery("pelican", axis(3), 1, 1, 0.2, 1.0, 60, EVERYTHING));

		assertThat(documentIds(denseHeavy)).containsExactly(doc("semantic"));
		assertThat(denseHeavy.get(0).score()).isCloseTo(1.0 / 61, within(1e-9));
		assertThat(documentIds(keywordHeavy)).containsExactly(doc("lexical"));
		assertThat(keywordHeavy.get(0).score()).isCloseTo(1.0 / 61, within(1e-9));
	}

	@Test
	void shouldBreakTiesInFusedScoresByChunkId() {
		// x: dense rank 1, keyword rank 2; y: dense rank 2, keyword rank 1
		this.store.replaceDocument(doc("x"),
				List.of(chunk("x", 0).text("A pelican appears once in this longer text about other birds and coasts")
					.vector(axis(3))
					.build()));
		this.store.replaceDocument(doc("y"),
				List.of(chunk("y", 0).text("pelican pelican pelican").vector(mix(3, 7, 0.9f)).build()));

		List<ScoredChunk> hits = this.store
			.hybridSearch(new HybridQuery("pelican", axis(3), 2, 10, 1.0, 1.0, 60, EVERYTHING));

		assertThat(hits).hasSize(2);
		assertThat(hits.get(0).score()).isEqualTo(hits.get(1).score());
		assertThat(hits.get(0).chunk().id()).isLessThan(hits.get(1).chunk().id());
	}

	@Test
	void shouldKeepAtMostTheAskedNumberOfHitsPerDocumentAndFillTheRestWithOthers() {
		this.store.replaceDocument(doc("long"),
				List.of(chunk("long", 0).text("heron heron heron").vector(axis(1)).build(),
						chunk("long", 1).text("heron heron nests").vector(mix(1, 2, 0.1f)).build(),
						chunk("long", 2).text("heron by the river").vector(mix(1, 2, 0.2f)).build()));
		this.store.replaceDocument(doc("short"),
				List.of(chunk("short", 0).text("a heron among other birds").vector(mix(1, 2, 0.6f)).build()));
		this.store.replaceDocument(doc("other"),
				List.of(chunk("other", 0).text("the heron among many other birds on the coast")
					.vector(mix(1, 2, 0.9f))
					.build()));

		List<ScoredChunk> unlimited = this.store
			.hybridSearch(new HybridQuery("heron", axis(1), 3, 10, 1.0, 1.0, 60, EVERYTHING));
		List<ScoredChunk> onePerDocument = this.store
			.hybridSearch(new HybridQuery("heron", axis(1), 3, 10, 1.0, 1.0, 60, EVERYTHING, 1));

		assertThat(documentIds(unlimited)).containsExactly(doc("long"), doc("long"), doc("long"));
		assertThat(documentIds(onePerDocument)).containsExactly(doc("long"), doc("short"), doc("other"));
		assertThat(onePerDocument.get(0).chunk().chunkIndex()).isZero();
		assertThat(onePerDocument.get(0).score()).isEqualTo(unlimited.get(0).score());
	}

	@Test
	void shouldReturnTheChunksOfADocumentInOrderWithoutVectors() {
		this.store.replaceDocument(doc("a"),
				List.of(chunk("a", 2).text("third").build(), chunk("a", 0).text("first").build(),
						chunk("a", 10).text("eleventh").build(), chunk("a", 1).text("second").build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).text("other").build()));

		List<ChunkRecord> chunks = this.store.chunksOf(doc("a"), EVERYTHING);

		assertThat(chunks).extracting(ChunkRecord::chunkIndex).containsExactly(0, 1, 2, 10);
		assertThat(chunks).extracting(ChunkRecord::text).containsExactly("first", "second", "third", "eleventh");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.vector()).isNull());
		assertThat(this.store.chunksOf(doc("unknown"), EVERYTHING)).isEmpty();
	}

	@Test
	void shouldGiveBackTheUnitVectorsOfTheAskedChunksAndNothingForUnknownIds() {
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).vector(scaled(axis(2), 3f)).build(),
				chunk("a", 1).vector(vector(2, 0.6f, 3, 0.8f)).build(), chunk("a", 2).vector(axis(5)).build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).vector(axis(4)).build()));
		String first = ChunkIds.chunkId(doc("a"), 0);
		String second = ChunkIds.chunkId(doc("a"), 1);
		String other = ChunkIds.chunkId(doc("b"), 0);

		Map<String, float[]> vectors = this.store
			.vectors(List.of(first, second, other, ChunkIds.chunkId(doc("never-written"), 0), "not-an-id"));

		assertThat(vectors).containsOnlyKeys(first, second, other);
		assertThat(vectors.get(first)).containsExactly(axis(2), within(1e-6f));
		assertThat(vectors.get(second)).containsExactly(vector(2, 0.6f, 3, 0.8f), within(1e-6f));
		assertThat(vectors.get(other)).containsExactly(axis(4), within(1e-6f));
		assertThat(this.store.vectors(List.of())).isEmpty();
	}

	@Test
	void shouldForgetTheVectorsOfChunksThatANewVersionNoLongerHas() {
		this.store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).vector(axis(1)).build(), chunk("a", 1).vector(axis(2)).build()));

		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).vector(axis(6)).build()));

		Map<String, float[]> vectors = this.store
			.vectors(List.of(ChunkIds.chunkId(doc("a"), 0), ChunkIds.chunkId(doc("a"), 1)));
		assertThat(vectors).containsOnlyKeys(ChunkIds.chunkId(doc("a"), 0));
		assertThat(vectors.get(ChunkIds.chunkId(doc("a"), 0))).containsExactly(axis(6), within(1e-6f));
	}

	@Test
	void shouldAnswerQueriesFullOfPunctuationWithoutFailing() {
		this.store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).text("C++ and C# (and Java!) are languages; AND/OR are operators.").build()));
		List<String> queries = List.of("C++ AND (C# OR \"Java\")", "*", "?", "\"", "\\", "-", "+", "!",
				"title:foo AND bar", "[a TO z]", "{x}", "foo~2", "bar^10", "wild*card?", "a && b || c", "/regex/",
				"(((unbalanced", "'single quotes'", ":", "", "   ", "🙂 emoji", "%00 <script>alert(1)</script>");

		for (String query : queries) {
			assertThatCode(() -> this.store.keywordSearch(query, 5, EVERYTHING)).as(query).doesNotThrowAnyException();
			assertThatCode(() -> this.store.hybridSearch(hybrid(query, axis(0), EVERYTHING))).as(query)
				.doesNotThrowAnyException();
		}
		assertThat(documentIds(this.store.keywordSearch("C++ AND (C# OR \"Java\")", 5, EVERYTHING)))
			.containsExactly(doc("a"));
		assertThat(this.store.keywordSearch("the and of to", 5, EVERYTHING)).isEmpty();
		assertThat(this.store.keywordSearch("?!*", 5, EVERYTHING)).isEmpty();
	}

	@Test
	void shouldGiveBackEveryFieldOfAChunkAsWritten() {
		ChunkRecord written = new ChunkRecord(ChunkIds.chunkId(doc("a"), 3), doc("a"), 3,
				"  Exact text, with  spacing\nand a new line.  ", "The title", "Part 1 > Section 2",
				"file:///notes/a.md", "filesystem", "ds-9", List.of("work", "q1"), MODIFIED,
				List.of("user:alice", "group:finance"), Map.of("author", "Alice", "path", "notes/a.md"), axis(0));

		this.store.replaceDocument(doc("a"), List.of(written));

		ChunkRecord read = this.store.chunksOf(doc("a"), EVERYTHING).get(0);
		assertThat(read).usingRecursiveComparison().ignoringFields("vector").isEqualTo(written);
		assertThat(this.store.denseSearch(axis(0), 1, EVERYTHING).get(0).chunk()).usingRecursiveComparison()
			.ignoringFields("vector")
			.isEqualTo(written);
	}

	@Test
	void shouldCountEveryChunkOfEveryDocument() {
		assertThat(this.store.count()).isZero();
		this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).build(), chunk("a", 1).build()));
		this.store.replaceDocument(doc("b"), List.of(chunk("b", 0).build()));

		assertThat(this.store.count()).isEqualTo(3);
	}

	@Test
	void shouldFindNothingInAnEmptyStore() {
		assertThat(this.store.denseSearch(axis(0), 5, EVERYTHING)).isEmpty();
		assertThat(this.store.keywordSearch("anything", 5, EVERYTHING)).isEmpty();
		assertThat(this.store.hybridSearch(hybrid("anything", axis(0), EVERYTHING))).isEmpty();
		assertThat(this.store.chunksOf(doc("a"), EVERYTHING)).isEmpty();
		assertThat(this.store.vectors(List.of(ChunkIds.chunkId(doc("a"), 0)))).isEmpty();
	}

	// ---- helpers for adapters' tests too

	/**
	 * A deterministic document id for a short name.
	 * @param name the name
	 * @return the id
	 */
	protected static String doc(String name) {
		return ChunkIds.documentId("test-source", name);
	}

	/**
	 * A chunk of a document, readable by everyone, with common text and the vector of
	 * axis 0, ready to be changed.
	 * @param name the document's short name (see {@link #doc(String)})
	 * @param index the chunk index
	 * @return a builder
	 */
	protected static ChunkBuilder chunk(String name, int index) {
		return new ChunkBuilder(doc(name), index);
	}

	protected static float[] axis(int axis) {
		float[] vector = new float[DIMENSION];
		vector[axis] = 1f;
		return vector;
	}

	/** A unit vector between two axes: {@code cos(angle)} with the first is 1 - share. */
	protected static float[] mix(int first, int second, float share) {
		float[] vector = new float[DIMENSION];
		vector[first] = 1f - share;
		vector[second] = share;
		double norm = Math.sqrt((1f - share) * (1f - share) + share * share);
		vector[first] = (float) (vector[first] / norm);
		vector[second] = (float) (vector[second] / norm);
		return vector;
	}

	protected static float[] vector(int axis1, float value1, int axis2, float value2) {
		float[] vector = new float[DIMENSION];
		vector[axis1] = value1;
		vector[axis2] = value2;
		return vector;
	}

	protected static float[] scaled(float[] vector, float factor) {
		float[] scaled = vector.clone();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] *= factor;
		}
		return scaled;
	}

	protected static HybridQuery hybrid(String text, float[] vector, SearchFilter filter) {
		return new HybridQuery(text, vector, 10, 20, 1.0, 1.0, 60, filter);
	}

	protected static SearchFilter modified(Instant from, Instant to) {
		return new SearchFilter(List.of(SearchFilter.ALL), null, null, from, to, null, null);
	}

	protected static List<String> documentIds(List<ScoredChunk> hits) {
		List<String> ids = new ArrayList<>();
		for (ScoredChunk hit : hits) {
			ids.add(hit.chunk().documentId());
		}
		return ids;
	}

	/** Builds test chunks. */
	protected static final class ChunkBuilder {

		private final String documentId;

		private final int index;

		private String text = "Some common words about the project.";

		private String title = "A page";

		private String heading = "";

		private String sourceType = "filesystem";

		private String dataSourceId = "test-source";

		private List<String> tags = List.of();

		private Instant modifiedAt = MODIFIED;

		private List<String> principals = List.of(EVERYONE);

		private float[] vector = axis(0);

		private ChunkBuilder(String documentId, int index) {
			this.documentId = documentId;
			this.index = index;
		}

		public ChunkBuilder text(String text) {
			this.text = text;
			return this;
		}

		public ChunkBuilder title(String title) {
			this.title = title;
			return this;
		}

		public ChunkBuilder heading(String heading) {
			this.heading = heading;
			return this;
		}

		public ChunkBuilder sourceType(String sourceType) {
			this.sourceType = sourceType;
			return this;
		}

		public ChunkBuilder dataSource(String dataSourceId) {
			this.dataSourceId = dataSourceId;
			return this;
		}

		public ChunkBuilder tags(String... tags) {
			this.tags = List.of(tags);
			return this;
		}

		public ChunkBuilder modifiedAt(Instant modifiedAt) {
			this.modifiedAt = modifiedAt;
			return this;
		}

		public ChunkBuilder principals(String... principals) {
			this.principals = List.of(principals);
			return this;
		}

		public ChunkBuilder vector(float[] vector) {
			this.vector = vector;
			return this;
		}

		public ChunkRecord build() {
			return new ChunkRecord(ChunkIds.chunkId(this.documentId, this.index), this.documentId, this.index,
					this.text, this.title, this.heading, "file:///notes/" + this.documentId, this.sourceType,
					this.dataSourceId, this.tags, this.modifiedAt, this.principals, Map.of(), this.vector);
		}

	}

}
