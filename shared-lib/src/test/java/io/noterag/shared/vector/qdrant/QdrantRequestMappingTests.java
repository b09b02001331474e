package io.noterag.shared.vector.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.Range;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * How the Qdrant adapter maps its calls to Qdrant's gRPC requests and the answers back to
 * our records, against {@link InProcessQdrant}: a server built from the client's own
 * generated stubs that records the requests. It is not Qdrant, so these tests check the
 * mapping, not Qdrant's ranking; {@link QdrantVectorStoreTests} runs the contract suite
 * against a real server.
 */
class QdrantRequestMappingTests {

	private static final String COLLECTION = "chunks";

	private static final SearchFilter EVERYTHING = SearchFilter.forPrincipals(List.of(SearchFilter.ALL));

	private static final SearchFilter BOB = SearchFilter.forPrincipals(List.of("user:bob", "group:everyone"));

	private InProcessQdrant qdrant;

	private final List<QdrantVectorStore> stores = new ArrayList<>();

	@BeforeEach
	void startServer() throws Exception {
		this.qdrant = new InProcessQdrant();
	}

	@AfterEach
	void stopServer() {
		this.stores.forEach(QdrantVectorStore::close);
		this.qdrant.close();
	}

	@Test
	void shouldCreateTheCollectionWithANamedCosineDenseVectorAnIdfSparseVectorAndAnIndexPerFilterField() {
		store(8, 256);

		List<CreateCollection> created = this.qdrant.requests(CreateCollection.class);
		assertThat(created).hasSize(1);
		CreateCollection collection = created.get(0);
		assertThat(collection.getCollectionName()).isEqualTo(COLLECTION);
		assertThat(collection.getVectorsConfig().getParamsMap().getMapMap()).containsOnlyKeys("dense");
		VectorParams dense = collection.getVectorsConfig().getParamsMap().getMapMap().get("dense");
		assertThat(dense.getSize()).isEqualTo(8);
		assertThat(dense.getDistance()).isEqualTo(Distance.Cosine);
		assertThat(collection.getSparseVectorsConfig().getMapMap()).containsOnlyKeys("sparse");
		assertThat(collection.getSparseVectorsConfig().getMapMap().get("sparse").getModifier()).isEqualTo(Modifier.Idf);
		List<CreateFieldIndexCollection> indexes = this.qdrant.requests(CreateFieldIndexCollection.class);
		assertThat(indexes).allSatisfy((index) -> {
			assertThat(index.getCollectionName()).isEqualTo(COLLECTION);
			assertThat(index.getWait()).isTrue();
		});
		assertThat(indexes).filteredOn((index) -> index.getFieldType() == FieldType.FieldTypeKeyword)
			.extracting(CreateFieldIndexCollection::getFieldName)
			.containsExactlyInAnyOrder("document_id", "data_source_id", "source_type", "tags", "principals");
		assertThat(indexes).filteredOn((index) -> index.getFieldType() == FieldType.FieldTypeInteger)
			.extracting(CreateFieldIndexCollection::getFieldName)
			.containsExactlyInAnyOrder("chunk_index", "modified_at_s", "modified_at_ns");
	}

	@Test
	void shouldReuseAnExistingCollectionAndLearnItsDimension() {
		store(8, 256);
		QdrantVectorStore second = store(null, 256);

		assertThat(this.qdrant.requests(CreateCollection.class)).hasSize(1);
		assertThatIllegalArgumentException().isThrownBy(() -> second.denseSearch(new float[] { 1, 2 }, 5, EVERYTHING))
			.withMessageContaining("dimension 2")
			.withMessageContaining("dimension 8");
	}

	@Test
	void shouldCreateTheCollectionWithTheFirstVectorsDimensionWhenNoneIsConfigured() {
		QdrantVectorStore store = store(null, 256);

		assertThat(this.qdrant.requests(CreateCollection.class)).isEmpty();
		assertThat(store.denseSearch(axis(0, 3), 5, EVERYTHING)).isEmpty();
		assertThat(store.count()).isZero();
		assertThat(this.qdrant.requests(QueryPoints.class)).isEmpty();

		store.replaceDocument(doc("a"), List.of(chunk("a", 0).vector(axis(0, 3)).build()));

		assertThat(this.qdrant.requests(CreateCollection.class)).singleElement()
			.satisfies((
					created) -> assertThat(created.getVectorsConfig().getParamsMap().getMapMap().get("dense").getSize())
						.isEqualTo(3));
		assertThat(store.count()).isEqualTo(1);
	}

	@Test
	void shouldUpsertInBatchesOfTheConfiguredSizeWaitingForEachThenDeleteOnlyTheDroppedChunks() {
		QdrantVectorStore store = store(8, 2);
		List<ChunkRecord> chunks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			chunks.add(chunk("a", i).text("part " + i).vector(scaled(axis(1, 8), 4f)).build());
		}

		store.replaceDocument(doc("a"), chunks);

		List<UpsertPoints> upserts = this.qdrant.requests(UpsertPoints.class);
		assertThat(upserts).extracting(UpsertPoints::getPointsCount).containsExactly(2, 2, 1);
		assertThat(upserts).allSatisfy((upsert) -> {
			assertThat(upsert.getWait()).isTrue();
			assertThat(upsert.getCollectionName()).isEqualTo(COLLECTION);
		});
		List<PointId> ids = upserts.stream()
			.flatMap((upsert) -> upsert.getPointsList().stream())
			.map(PointStruct::getId)
			.toList();
		assertThat(ids).extracting(PointId::getUuid)
			.containsExactly(chunks.stream().map(ChunkRecord::id).toArray(String[]::new));
		Vector dense = upserts.get(0).getPoints(0).getVectors().getVectors().getVectorsMap().get("dense");
		assertThat(dense.getDataList()).as("normalised").containsExactly(0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f);
		DeletePoints delete = this.qdrant.requests(DeletePoints.class).get(0);
		assertThat(delete.getWait()).isTrue();
		assertThat(delete.getPoints().getFilter()).isEqualTo(
				Filter.newBuilder().addMust(matchKeyword("document_id", doc("a"))).addMustNot(hasId(ids)).build());
		assertThat(this.qdrant.requests(DeletePoints.class)).hasSize(1);
	}

	@Test
	void shouldForgetDroppedChunksAndDeleteByDocumentAndByDataSource() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"), List.of(chunk("a", 0).build(), chunk("a", 1).build(), chunk("a", 2).build()));
		store.replaceDocument(doc("b"), List.of(chunk("b", 0).dataSource("ds-2").build()));

		store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("rewritten").build()));

		assertThat(this.qdrant.points()).hasSize(2);
		store.deleteDocument(doc("a"));
		store.deleteDataSource("ds-2");
		List<DeletePoints> deletes = this.qdrant.requests(DeletePoints.class);
		assertThat(deletes.get(deletes.size() - 2).getPoints().getFilter())
			.isEqualTo(Filter.newBuilder().addMust(matchKeyword("document_id", doc("a"))).build());
		assertThat(deletes.get(deletes.size() - 1).getPoints().getFilter())
			.isEqualTo(Filter.newBuilder().addMust(matchKeyword("data_source_id", "ds-2")).build());
		assertThat(deletes).allSatisfy((delete) -> assertThat(delete.getWait()).isTrue());
		assertThat(this.qdrant.points()).isEmpty();
	}

	@Test
	void shouldCarryThePayloadOfEveryFieldAndGiveItBackAsWritten() {
		QdrantVectorStore store = store(8, 256);
		ChunkRecord written = new ChunkRecord(ChunkIds.chunkId(doc("a"), 3), doc("a"), 3, "Exact text", "The title",
				"Part 1 > Section 2", "file:///notes/a.md", "onenote", "ds-9", List.of("work", "q1"),
				Instant.parse("2024-03-01T10:15:30.123456789Z"), List.of("user:alice", "group:finance"),
				Map.of("author", "Alice"), axis(0, 8));

		store.replaceDocument(doc("a"), List.of(written));

		PointStruct point = this.qdrant.requests(UpsertPoints.class).get(0).getPoints(0);
		assertThat(point.getPayloadMap()).containsKeys("chunk_id", "document_id", "chunk_index", "text", "title",
				"heading", "url", "source_type", "data_source_id", "tags", "modified_at", "modified_at_s",
				"modified_at_ns", "principals", "metadata");
		assertThat(point.getPayloadMap().get("modified_at_s").getIntegerValue()).isEqualTo(1709288130L);
		assertThat(point.getPayloadMap().get("modified_at_ns").getIntegerValue()).isEqualTo(123456789L);
		assertThat(point.getPayloadMap().get("principals").getListValue().getValuesList())
			.extracting((value) -> value.getStringValue())
			.containsExactly("user:alice", "group:finance");
		assertThat(store.chunksOf(doc("a"), EVERYTHING)).singleElement()
			.usingRecursiveComparison()
			.ignoringFields("vector")
			.isEqualTo(written);
	}

	@Test
	void shouldDeriveAStablePointIdForChunkIdsThatAreNotUuids() {
		QdrantVectorStore store = store(8, 256);
		ChunkRecord chunk = new ChunkRecord("chunk-1", "doc-1", 0, "hello", null, null, null, "filesystem", "ds", null,
				null, List.of("group:everyone"), null, axis(0, 8));

		store.replaceDocument("doc-1", List.of(chunk));
		store.replaceDocument("doc-1", List.of(chunk));

		List<UpsertPoints> upserts = this.qdrant.requests(UpsertPoints.class);
		assertThat(upserts.get(0).getPoints(0).getId()).isEqualTo(upserts.get(1).getPoints(0).getId());
		assertThat(this.qdrant.points()).hasSize(1);
		assertThat(store.denseSearch(axis(0, 8), 1, EVERYTHING)).extracting((hit) -> hit.chunk().id())
			.containsExactly("chunk-1");
	}

	@Test
	void shouldCarryBm25TermWeightsInTheChunksSparseVectorAndTermCountsInTheQuerys() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).title("A page").text("The pelican, the pelican and the pelican").build()));

		Vector sparse = this.qdrant.requests(UpsertPoints.class)
			.get(0)
			.getPoints(0)
			.getVectors()
			.getVectors()
			.getVectorsMap()
			.get("sparse");
		// analysed terms: page, pelican x3; four terms in all, average length 100, the
		// default k1 0.9 and b 0.4
		double norm = 0.9 * (1 - 0.4 + 0.4 * 4 / 100.0);
		assertThat(sparse.getIndices().getDataList()).containsExactlyInAnyOrder(SparseEncoder.index("page"),
				SparseEncoder.index("pelican"));
		int pelican = sparse.getIndices().getDataList().indexOf(SparseEncoder.index("pelican"));
		int page = sparse.getIndices().getDataList().indexOf(SparseEncoder.index("page"));
		assertThat((double) sparse.getData(pelican)).isCloseTo(3 / (3 + norm), within(1e-6));
		assertThat((double) sparse.getData(page)).isCloseTo(1 / (1 + norm), within(1e-6));

		store.keywordSearch("Pelicans? PELICAN!", 5, EVERYTHING);

		QueryPoints query = this.qdrant.requests(QueryPoints.class).get(0);
		assertThat(query.getUsing()).isEqualTo("sparse");
		assertThat(query.getLimit()).isEqualTo(5);
		assertThat(query.getQuery().getNearest().getSparse().getIndicesList())
			.containsExactly(SparseEncoder.index("pelican"));
		assertThat(query.getQuery().getNearest().getSparse().getValuesList()).containsExactly(2f);
	}

	@Test
	void shouldTurnEachRestrictionIntoAMustConditionWithAnyOfLists() {
		QdrantVectorStore store = store(8, 256);
		SearchFilter filter = new SearchFilter(List.of("user:bob", "group:everyone"), List.of("onenote", "filesystem"),
				List.of("finance"), Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"),
				List.of(doc("a"), doc("b")), List.of("ds-1"));

		store.denseSearch(axis(0, 8), 3, filter);

		QueryPoints query = this.qdrant.requests(QueryPoints.class).get(0);
		assertThat(query.getUsing()).isEqualTo("dense");
		assertThat(query.getLimit()).isEqualTo(3);
		assertThat(query.getWithPayload().getEnable()).isTrue();
		assertThat(query.getFilter()).isEqualTo(Filter.newBuilder()
			.addMust(matchKeywords("principals", List.of("user:bob", "group:everyone")))
			.addMust(matchKeywords("source_type", List.of("onenote", "filesystem")))
			.addMust(matchKeywords("tags", List.of("finance")))
			.addMust(matchKeywords("document_id", List.of(doc("a"), doc("b"))))
			.addMust(matchKeywords("data_source_id", List.of("ds-1")))
			.addMust(range("modified_at_s", Range.newBuilder().setGte(1709251200L).build()))
			.addMust(filter(Filter.newBuilder()
				.addShould(range("modified_at_s", Range.newBuilder().setLt(1711929600L).build()))
				.addShould(filter(Filter.newBuilder()
					.addMust(match("modified_at_s", 1711929600L))
					.addMust(range("modified_at_ns", Range.newBuilder().setLte(0).build()))
					.build()))
				.build()))
			.build());
	}

	@Test
	void shouldCompareModificationTimesToTheNanosecond() {
		QdrantVectorStore store = store(8, 256);
		Instant april = Instant.parse("2024-04-01T00:00:00Z");
		store.replaceDocument(doc("april"), List.of(chunk("april", 0).modifiedAt(april).build()));
		store.replaceDocument(doc("later"), List.of(chunk("later", 0).modifiedAt(april.plusNanos(5)).build()));

		List<ScoredChunk> hits = store.denseSearch(axis(0, 8), 10, modified(april.plusNanos(1), april.plusNanos(5)));

		assertThat(hits).extracting((hit) -> hit.chunk().documentId()).containsExactly(doc("later"));
		Filter lowerBound = this.qdrant.requests(QueryPoints.class).get(0).getFilter().getMust(0).getFilter();
		assertThat(lowerBound).isEqualTo(Filter.newBuilder()
			.addShould(range("modified_at_s", Range.newBuilder().setGt(april.getEpochSecond()).build()))
			.addShould(filter(Filter.newBuilder()
				.addMust(match("modified_at_s", april.getEpochSecond()))
				.addMust(range("modified_at_ns", Range.newBuilder().setGte(1).build()))
				.build()))
			.build());
	}

	@Test
	void shouldAlwaysFilterByTheCallersPrincipalsAndAskNothingForNoPrincipal() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("heron").build()));
		this.qdrant.requests.clear();

		store.denseSearch(axis(0, 8), 5, BOB);
		store.keywordSearch("heron", 5, BOB);
		store.hybridSearch(new HybridQuery("heron", axis(0, 8), 5, 10, 1, 1, 60, BOB));
		store.chunksOf(doc("a"), BOB);

		List<Filter> filters = new ArrayList<>();
		this.qdrant.requests(QueryPoints.class).forEach((query) -> filters.add(query.getFilter()));
		this.qdrant.requests(QueryBatchPoints.class)
			.forEach((batch) -> batch.getQueryPointsList().forEach((query) -> filters.add(query.getFilter())));
		this.qdrant.requests(ScrollPoints.class).forEach((scroll) -> filters.add(scroll.getFilter()));
		assertThat(filters).hasSize(5)
			.allSatisfy((filter) -> assertThat(filter.getMustList())
				.contains(matchKeywords("principals", List.of("user:bob", "group:everyone"))));

		this.qdrant.requests.clear();
		SearchFilter nobody = SearchFilter.forPrincipals(List.of());
		assertThat(store.denseSearch(axis(0, 8), 5, nobody)).isEmpty();
		assertThat(store.keywordSearch("heron", 5, nobody)).isEmpty();
		assertThat(store.hybridSearch(new HybridQuery("heron", axis(0, 8), 5, 10, 1, 1, 60, nobody))).isEmpty();
		assertThat(store.chunksOf(doc("a"), nobody)).isEmpty();
		assertThat(this.qdrant.requests).isEmpty();
	}

	@Test
	void shouldSendBothSidesOfAHybridSearchInOneQueryBatchWithTheCandidateLimit() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"), List.of(chunk("a", 0).text("heron").build()));

		store.hybridSearch(new HybridQuery("heron river", axis(2, 8), 3, 20, 1, 0.5, 60, BOB));
		store.hybridSearch(new HybridQuery("heron river", axis(2, 8), 3, 20, 0, 1, 60, BOB));

		List<QueryBatchPoints> batches = this.qdrant.requests(QueryBatchPoints.class);
		assertThat(batches).hasSize(2);
		QueryBatchPoints both = batches.get(0);
		assertThat(both.getCollectionName()).isEqualTo(COLLECTION);
		assertThat(both.getQueryPointsList()).extracting(QueryPoints::getUsing).containsExactly("dense", "sparse");
		assertThat(both.getQueryPointsList()).allSatisfy((query) -> {
			assertThat(query.getLimit()).isEqualTo(20);
			assertThat(query.getFilter().getMustList())
				.containsExactly(matchKeywords("principals", List.of("user:bob", "group:everyone")));
		});
		assertThat(both.getQueryPoints(0).getQuery().getNearest().getDense().getDataList()).containsExactly(0f, 0f, 1f,
				0f, 0f, 0f, 0f, 0f);
		assertThat(batches.get(1).getQueryPointsList()).as("a side of weight 0 is not asked")
			.extracting(QueryPoints::getUsing)
			.containsExactly("sparse");
	}

	@Test
	void shouldMapScoredPointsBackToChunksWithTheirScoresAndFuseHybridRanksByWeight() {
		QdrantVectorStore store = store(8, 256);
		ChunkRecord first = chunk("first", 0).text("first text").build();
		ChunkRecord second = chunk("second", 0).text("second text").build();
		this.qdrant.cannedQueryAnswer = List.of(scored(first, 0.75f), scored(second, 0.5f));

		List<ScoredChunk> dense = store.denseSearch(axis(0, 8), 2, EVERYTHING);
		List<ScoredChunk> keyword = store.keywordSearch("text", 2, EVERYTHING);
		List<ScoredChunk> hybrid = store
			.hybridSearch(new HybridQuery("text", axis(0, 8), 2, 2, 1.0, 0.5, 60, EVERYTHING));

		assertThat(dense).extracting(ScoredChunk::score).containsExactly(0.75, 0.5);
		assertThat(dense.get(0).chunk()).usingRecursiveComparison().ignoringFields("vector").isEqualTo(first);
		assertThat(dense.get(0).chunk().vector()).isNull();
		assertThat(keyword).extracting((hit) -> hit.chunk().text()).containsExactly("first text", "second text");
		// both sides rank "first" 1st and "second" 2nd
		assertThat(hybrid).extracting((hit) -> hit.chunk().id()).containsExactly(first.id(), second.id());
		assertThat(hybrid.get(0).score()).isCloseTo(1.0 / 61 + 0.5 / 61, within(1e-12));
		assertThat(hybrid.get(1).score()).isCloseTo(1.0 / 62 + 0.5 / 62, within(1e-12));
	}

	@Test
	void shouldScrollTheChunksOfADocumentInChunkOrderPageByPage() {
		QdrantVectorStore store = store(8, 500);
		List<ChunkRecord> chunks = new ArrayList<>();
		for (int i = QdrantVectorStore.SCROLL_PAGE + 43; i >= 0; i--) {
			chunks.add(chunk("long", i).text("part " + i).build());
		}
		store.replaceDocument(doc("long"), chunks);

		List<ChunkRecord> read = store.chunksOf(doc("long"), BOB);

		assertThat(read).hasSize(QdrantVectorStore.SCROLL_PAGE + 44);
		assertThat(read).extracting(ChunkRecord::chunkIndex).isSorted().doesNotHaveDuplicates();
		List<ScrollPoints> scrolls = this.qdrant.requests(ScrollPoints.class);
		assertThat(scrolls).hasSize(2).allSatisfy((scroll) -> {
			assertThat(scroll.getOrderBy().getKey()).isEqualTo("chunk_index");
			assertThat(scroll.getOrderBy().getDirection()).isEqualTo(Direction.Asc);
			assertThat(scroll.getLimit()).isEqualTo(QdrantVectorStore.SCROLL_PAGE);
			assertThat(scroll.getFilter().getMustList()).containsExactly(
					matchKeywords("principals", List.of("user:bob", "group:everyone")),
					matchKeyword("document_id", doc("long")));
		});
		assertThat(scrolls.get(0).getOrderBy().hasStartFrom()).isFalse();
		assertThat(scrolls.get(1).getOrderBy().getStartFrom().getInteger()).isEqualTo(QdrantVectorStore.SCROLL_PAGE);
	}

	@Test
	void shouldRetrieveOnlyTheDenseVectorsOfTheAskedPointsWithoutTheirPayload() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"),
				List.of(chunk("a", 0).vector(scaled(axis(3, 8), 2f)).build(), chunk("a", 1).build()));
		String first = ChunkIds.chunkId(doc("a"), 0);
		String unknown = ChunkIds.chunkId(doc("never-written"), 0);

		Map<String, float[]> vectors = store.vectors(List.of(first, unknown));

		assertThat(vectors).containsOnlyKeys(first);
		assertThat(vectors.get(first)).containsExactly(axis(3, 8));
		List<GetPoints> gets = this.qdrant.requests(GetPoints.class);
		assertThat(gets).hasSize(1);
		assertThat(gets.get(0).getCollectionName()).isEqualTo(COLLECTION);
		assertThat(gets.get(0).getIdsList()).containsExactly(QdrantPayload.pointId(first),
				QdrantPayload.pointId(unknown));
		assertThat(gets.get(0).getWithVectors().getInclude().getNamesList()).containsExactly("dense");
		assertThat(gets.get(0).getWithPayload().getEnable()).isFalse();
		assertThat(store.vectors(List.of())).isEmpty();
		assertThat(this.qdrant.requests(GetPoints.class)).hasSize(1);
	}

	@Test
	void shouldCountExactly() {
		QdrantVectorStore store = store(8, 256);
		store.replaceDocument(doc("a"), List.of(chunk("a", 0).build(), chunk("a", 1).build()));

		assertThat(store.count()).isEqualTo(2);
		CountPoints count = this.qdrant.requests(CountPoints.class).get(0);
		assertThat(count.getExact()).isTrue();
		assertThat(count.hasFilter()).isFalse();
	}

	@Test
	void shouldFailWithTheCollectionAndTheStatusWhenQdrantCannotBeReached() {
		QdrantVectorStore store = store(8, 256);
		this.qdrant.close();

		assertThatIllegalStateException().isThrownBy(store::count)
			.withMessageContaining("collection " + COLLECTION)
			.withMessageContaining("UNAVAILABLE");
	}

	@Test
	void shouldRejectChunksOfAnotherDocumentOrWithoutVector() {
		QdrantVectorStore store = store(8, 256);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> store.replaceDocument(doc("a"), List.of(chunk("b", 0).build())))
			.withMessageContaining(doc("b"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> store.replaceDocument(doc("a"), List.of(chunk("a", 0).vector(null).build())))
			.withMessageContaining("no vector");
		assertThat(this.qdrant.requests(UpsertPoints.class)).isEmpty();
	}

	private QdrantVectorStore store(Integer dimension, int batchSize) {
		QdrantVectorStore store = new QdrantVectorStore(this.qdrant.client(), COLLECTION, dimension, batchSize, 100,
				Duration.ofSeconds(5));
		this.stores.add(store);
		return store;
	}

	private static ScoredPoint scored(ChunkRecord chunk, float score) {
		return ScoredPoint.newBuilder()
			.setId(QdrantPayload.pointId(chunk.id()))
			.setScore(score)
			.putAllPayload(QdrantPayload.toPayload(chunk))
			.build();
	}

	private static String doc(String name) {
		return ChunkIds.documentId("test-source", name);
	}

	private static float[] axis(int axis, int dimension) {
		float[] vector = new float[dimension];
		vector[axis] = 1f;
		return vector;
	}

	private static float[] scaled(float[] vector, float factor) {
		float[] scaled = vector.clone();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] *= factor;
		}
		return scaled;
	}

	private static SearchFilter modified(Instant from, Instant to) {
		return new SearchFilter(List.of(SearchFilter.ALL), null, null, from, to, null, null);
	}

	private static Builder chunk(String name, int index) {
		return new Builder(doc(name), index);
	}

	private static final class Builder {

		private final String documentId;

		private final int index;

		private String text = "Some common words about the project.";

		private String title = "A page";

		private String dataSourceId = "test-source";

		private Instant modifiedAt = Instant.parse("2024-03-01T10:15:30Z");

		private float[] vector = axis(0, 8);

		Builder(String documentId, int index) {
			this.documentId = documentId;
			this.index = index;
		}

		Builder text(String text) {
			this.text = text;
			return this;
		}

		Builder title(String title) {
			this.title = title;
			return this;
		}

		Builder dataSource(String dataSourceId) {
			this.dataSourceId = dataSourceId;
			return this;
		}

		Builder modifiedAt(Instant modifiedAt) {
			this.modifiedAt = modifiedAt;
			return this;
		}

		Builder vector(float[] vector) {
			this.vector = vector;
			return this;
		}

		ChunkRecord build() {
			return new ChunkRecord(ChunkIds.chunkId(this.documentId, this.index), this.documentId, this.index,
					this.text, this.title, "", "file:///notes/" + this.documentId, "filesystem", this.dataSourceId,
					List.of(), this.modifiedAt, List.of("group:everyone"), Map.of(), this.vector);
		}

	}

}
