package io.noterag.shared.vector.qdrant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.noterag.shared.vector.Bm25;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.RankFusion;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.Vectors;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.StartFrom;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;
import static io.qdrant.client.WithVectorsSelectorFactory.include;

/**
 * The production {@link VectorStore}: one Qdrant collection reached over gRPC through
 * {@code io.qdrant:client}, with a named dense vector {@code dense} (cosine) and a named
 * sparse vector {@code sparse} with the IDF modifier, and a payload index on every field
 * a {@link SearchFilter} can restrict.
 *
 * <p>
 * Ranking follows the Lucene adapter as far as the engines allow (see
 * {@code docs/qdrant.md}): dense scores are cosine similarities; the keyword side is a
 * sparse vector built on this side from the Lucene adapter's analysed terms with BM25
 * term weights, whose IDF Qdrant supplies; hybrid search runs both sides in one
 * {@code QueryBatch} call of the Query API ({@code candidates} each, inside the filter)
 * and fuses them here by the same weighted reciprocal rank as Lucene, ties to the smaller
 * chunk id. Qdrant's own {@code Fusion.RRF} is not used: it has no weights and scores in
 * 32-bit floats with its own constant and tie order.
 *
 * <p>
 * Qdrant has no transaction over several operations, so {@link #replaceDocument} is not
 * atomic for readers as the port asks: it upserts the new chunks first (the chunk ids are
 * deterministic per document and position, so a chunk that keeps its position is
 * overwritten in place) and then deletes the document's points that the new version no
 * longer has. Meanwhile a search may see new chunks next to old chunks at positions the
 * new version dropped, or, across upsert batches, a mix of old and new chunks; it never
 * sees the document missing. Each request waits until Qdrant applied it.
 *
 * <p>
 * The collection is created when missing (idempotently: a replica that loses the race
 * reads the winner's collection), with the configured dimension or the first vectors'
 * dimension; until it exists, searches find nothing. Thread-safe.
 */
public class QdrantVectorStore implements VectorStore, AutoCloseable, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(QdrantVectorStore.class);

	private static final Comparator<ScoredChunk> BEST_FIRST = RankFusion.BEST_FIRST;

	/** Points per scroll page of {@link #chunksOf}. */
	static final int SCROLL_PAGE = 256;

	private final QdrantClient client;

	private final String collection;

	private final Integer configuredDimension;

	private final int upsertBatchSize;

	private final Duration timeout;

	private final SparseEncoder sparse;

	private final AtomicInteger dimension = new AtomicInteger();

	private final Object bootstrapLock = new Object();

	private volatile boolean ready;

	/**
	 * Opens a store on a client and makes sure its collection exists when the dimension
	 * is known (configured, or from the existing collection).
	 * @param client the Qdrant client, closed with this store
	 * @param collection the collection's name
	 * @param dimension the dense vectors' dimension, or {@code null} to take it from the
	 * existing collection or the first vectors written
	 * @param upsertBatchSize how many points one upsert request carries at most
	 * @param bm25AverageLength the average chunk length in analysed terms, for the BM25
	 * term weights of the sparse vectors
	 * @param timeout the deadline of each call
	 * @throws IllegalStateException when Qdrant cannot be reached, or the existing
	 * collection does not have the expected vectors or dimension
	 */
	public QdrantVectorStore(QdrantClient client, String collection, Integer dimension, int upsertBatchSize,
			double bm25AverageLength, Duration timeout) {
		this(client, collection, dimension, upsertBatchSize, bm25AverageLength, Bm25.DEFAULT, timeout);
	}

	/**
	 * Uses a collection, creating it and its payload indexes when missing.
	 * @param client the Qdrant client, closed with this store
	 * @param collection the collection's name
	 * @param dimension the dense vectors' dimension, or {@code null} to take it from the
	 * existing collection or the first vectors written
	 * @param upsertBatchSize how many points one upsert request carries at most
	 * @param bm25AverageLength the average chunk length in analysed terms, for the BM25
	 * term weights of the sparse vectors
	 * @param bm25 k1 and b of those weights (fixed when the vectors are written: changing
	 * them needs a re-index)
	 * @param timeout the deadline of each call
	 * @throws IllegalStateException when Qdrant cannot be reached, or the existing
	 * collection does not have the expected vectors or dimension
	 */
	public QdrantVectorStore(QdrantClient client, String collection, Integer dimension, int upsertBatchSize,
			double bm25AverageLength, Bm25 bm25, Duration timeout) {
		this.client = Objects.requireNonNull(client, "client");
		this.collection = Objects.requireNonNull(collection, "collection");
		if (collection.isBlank()) {
			throw new IllegalArgumentException("collection must not be blank");
		}
		if (dimension != null && dimension < 1) {
			throw new IllegalArgumentException("dimension must be positive, got " + dimension);
		}
		if (upsertBatchSize < 1) {
			throw new IllegalArgumentException("upsertBatchSize must be at least 1, got " + upsertBatchSize);
		}
		this.configuredDimension = dimension;
		this.upsertBatchSize = upsertBatchSize;
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.sparse = new SparseEncoder(bm25AverageLength, bm25);
		this.ready = bootstrap(dimension);
		logger.info("Qdrant vector store on collection {} ({})", collection,
				this.ready ? "dimension " + this.dimension.get() : "to be created with the first vectors written");
	}

	/**
	 * Connects to a Qdrant server over gRPC.
	 * @param host the host
	 * @param port the gRPC port
	 * @param useTls whether to use TLS
	 * @param apiKey the API key, or {@code null}
	 * @param timeout the deadline of each call
	 * @return a client
	 */
	public static QdrantClient connect(String host, int port, boolean useTls, String apiKey, Duration timeout) {
		QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(host, port, useTls, false).withTimeout(timeout);
		if (apiKey != null && !apiKey.isBlank()) {
			builder.withApiKey(apiKey);
		}
		return new QdrantClient(builder.build());
	}

	/**
	 * The collection this store uses.
	 * @return its name
	 */
	public String collection() {
		return this.collection;
	}

	@Override
	public void replaceDocument(String documentId, List<ChunkRecord> chunks) {
		requireId(documentId, "documentId");
		Objects.requireNonNull(chunks, "chunks");
		List<PointStruct> points = new ArrayList<>(chunks.size());
		int length = -1;
		for (ChunkRecord chunk : chunks) {
			if (!documentId.equals(chunk.documentId())) {
				throw new IllegalArgumentException(
						"Chunk " + chunk.id() + " belongs to document " + chunk.documentId() + ", not " + documentId);
			}
			if (chunk.vector() == null) {
				throw new IllegalArgumentException("Chunk " + chunk.id() + " has no vector");
			}
			if (length >= 0 && chunk.vector().length != length) {
				throw new IllegalArgumentException("The chunks of document " + documentId
						+ " have vectors of different dimensions: " + length + " and " + chunk.vector().length);
			}
			length = chunk.vector().length;
			points.add(toPoint(chunk));
		}
		if (points.isEmpty()) {
			deleteDocument(documentId);
			return;
		}
		ensureCollection(length);
		for (int from = 0; from < points.size(); from += this.upsertBatchSize) {
			List<PointStruct> batch = points.subList(from, Math.min(points.size(), from + this.upsertBatchSize));
			call("upsert",
					this.client.upsertAsync(UpsertPoints.newBuilder()
						.setCollectionName(this.collection)
						.setWait(true)
						.addAllPoints(batch)
						.build(), this.timeout));
		}
		List<PointId> kept = new ArrayList<>(points.size());
		for (PointStruct point : points) {
			kept.add(point.getId());
		}
		delete(Filter.newBuilder()
			.addMust(matchKeyword(QdrantPayload.DOCUMENT_ID, documentId))
			.addMustNot(hasId(kept))
			.build());
	}

	@Override
	public void deleteDocument(String documentId) {
		requireId(documentId, "documentId");
		if (collectionReady()) {
			delete(Filter.newBuilder().addMust(matchKeyword(QdrantPayload.DOCUMENT_ID, documentId)).build());
		}
	}

	@Override
	public void deleteDataSource(String dataSourceId) {
		requireId(dataSourceId, "dataSourceId");
		if (collectionReady()) {
			delete(Filter.newBuilder().addMust(matchKeyword(QdrantPayload.DATA_SOURCE_ID, dataSourceId)).build());
		}
	}

	@Override
	public List<ScoredChunk> denseSearch(float[] vector, int topK, SearchFilter filter) {
		Objects.requireNonNull(vector, "vector");
		Objects.requireNonNull(filter, "filter");
		requirePositive(topK, "topK");
		QueryPoints query = denseQuery(vector, topK, filter);
		if (query == null) {
			return List.of();
		}
		return hits(call("dense search", this.client.queryAsync(query, this.timeout)), true);
	}

	@Override
	public List<ScoredChunk> keywordSearch(String text, int topK, SearchFilter filter) {
		Objects.requireNonNull(filter, "filter");
		requirePositive(topK, "topK");
		QueryPoints query = sparseQuery(text, topK, filter);
		if (query == null) {
			return List.of();
		}
		return hits(call("keyword search", this.client.queryAsync(query, this.timeout)), false);
	}

	@Override
	public List<ScoredChunk> hybridSearch(HybridQuery query) {
		Objects.requireNonNull(query, "query");
		if (query.rrfK() < 0) {
			throw new IllegalArgumentException("rrfK must be 0 or more, got " + query.rrfK());
		}
		boolean useDense = query.denseWeight() > 0 && query.vector() != null;
		QueryPoints dense = useDense ? denseQuery(query.vector(), query.candidates(), query.filter()) : null;
		QueryPoints keyword = (query.sparseWeight() > 0) ? sparseQuery(query.text(), query.candidates(), query.filter())
				: null;
		List<QueryPoints> batch = new ArrayList<>(2);
		if (dense != null) {
			batch.add(dense);
		}
		if (keyword != null) {
			batch.add(keyword);
		}
		if (batch.isEmpty()) {
			return List.of();
		}
		var results = call("hybrid search", this.client.queryBatchAsync(this.collection, batch, null, this.timeout));
		List<ScoredChunk> denseHits = (dense != null) ? hits(results.get(0).getResultList(), true) : List.of();
		List<ScoredChunk> keywordHits = (keyword != null) ? hits(results.get(batch.size() - 1).getResultList(), false)
				: List.of();
		return RankFusion.fuse(denseHits, keywordHits, query);
	}

	@Override
	public List<ChunkRecord> chunksOf(String documentId, SearchFilter filter) {
		requireId(documentId, "documentId");
		Objects.requireNonNull(filter, "filter");
		if (QdrantFilters.matchesNothing(filter) || !collectionReady()) {
			return List.of();
		}
		Filter qdrantFilter = QdrantFilters.toFilter(filter)
			.addMust(matchKeyword(QdrantPayload.DOCUMENT_ID, documentId))
			.build();
		List<ChunkRecord> chunks = new ArrayList<>();
		Long next = null;
		while (true) {
			OrderBy.Builder order = OrderBy.newBuilder().setKey(QdrantPayload.CHUNK_INDEX).setDirection(Direction.Asc);
			if (next != null) {
				order.setStartFrom(StartFrom.newBuilder().setInteger(next));
			}
			ScrollResponse page = call("scroll",
					this.client.scrollAsync(ScrollPoints.newBuilder()
						.setCollectionName(this.collection)
						.setFilter(qdrantFilter)
						.setLimit(SCROLL_PAGE)
						.setOrderBy(order)
						.setWithPayload(enable(true))
						.build(), this.timeout));
			for (RetrievedPoint point : page.getResultList()) {
				chunks.add(QdrantPayload.toChunk(point.getPayloadMap()));
			}
			if (page.getResultCount() < SCROLL_PAGE) {
				return chunks;
			}
			// chunk indexes are unique within a document: the next page starts after the
			// last
			next = (long) chunks.get(chunks.size() - 1).chunkIndex() + 1;
		}
	}

	@Override
	public Map<String, float[]> vectors(Collection<String> chunkIds) {
		Objects.requireNonNull(chunkIds, "chunkIds");
		Map<String, String> chunkIdByPoint = new LinkedHashMap<>();
		for (String id : chunkIds) {
			if (id != null && !id.isBlank()) {
				chunkIdByPoint.put(QdrantPayload.pointId(id).getUuid(), id);
			}
		}
		if (chunkIdByPoint.isEmpty() || !collectionReady()) {
			return Map.of();
		}
		List<PointId> ids = new ArrayList<>(chunkIdByPoint.size());
		for (String uuid : chunkIdByPoint.keySet()) {
			ids.add(PointId.newBuilder().setUuid(uuid).build());
		}
		List<RetrievedPoint> points = call("vector retrieval",
				this.client.retrieveAsync(GetPoints.newBuilder()
					.setCollectionName(this.collection)
					.addAllIds(ids)
					.setWithPayload(enable(false))
					.setWithVectors(include(List.of(QdrantPayload.DENSE)))
					.build(), this.timeout));
		Map<String, float[]> vectors = new LinkedHashMap<>();
		for (RetrievedPoint point : points) {
			String chunkId = chunkIdByPoint.get(point.getId().getUuid());
			VectorOutput dense = point.getVectors().getVectors().getVectorsMap().get(QdrantPayload.DENSE);
			if (chunkId == null || dense == null) {
				continue;
			}
			// Qdrant answers in the dense field since 1.14 and in data before
			List<Float> values = dense.hasDense() ? dense.getDense().getDataList() : dense.getDataList();
			float[] vector = new float[values.size()];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = values.get(i);
			}
			if (vector.length > 0) {
				vectors.put(chunkId, vector);
			}
		}
		return vectors;
	}

	@Override
	public long count() {
		if (!collectionReady()) {
			return 0;
		}
		return call("count", this.client.countAsync(this.collection, null, true, this.timeout));
	}

	/** Closes the client and its channel. */
	@Override
	public void close() {
		this.client.close();
	}

	@Override
	public void destroy() {
		close();
	}

	@Override
	public String toString() {
		return "QdrantVectorStore[" + this.collection + "]";
	}

	private QueryPoints denseQuery(float[] vector, int limit, SearchFilter filter) {
		float[] unit = Vectors.unit(vector);
		if (!collectionReady()) {
			return null;
		}
		int expected = this.dimension.get();
		if (unit.length != expected) {
			throw new IllegalArgumentException("The query vector has dimension " + unit.length + " but the collection "
					+ this.collection + " holds vectors of dimension " + expected);
		}
		if (QdrantFilters.matchesNothing(filter)) {
			return null;
		}
		return QueryPoints.newBuilder()
			.setCollectionName(this.collection)
			.setQuery(nearest(unit))
			.setUsing(QdrantPayload.DENSE)
			.setFilter(QdrantFilters.toFilter(filter))
			.setLimit(limit)
			.setWithPayload(enable(true))
			.build();
	}

	private QueryPoints sparseQuery(String text, int limit, SearchFilter filter) {
		SparseEncoder.Sparse vector = this.sparse.query(text);
		if (vector.isEmpty() || QdrantFilters.matchesNothing(filter) || !collectionReady()) {
			return null;
		}
		return QueryPoints.newBuilder()
			.setCollectionName(this.collection)
			.setQuery(nearest(vector.values(), vector.indices()))
			.setUsing(QdrantPayload.SPARSE)
			.setFilter(QdrantFilters.toFilter(filter))
			.setLimit(limit)
			.setWithPayload(enable(true))
			.build();
	}

	private PointStruct toPoint(ChunkRecord chunk) {
		float[] unit = Vectors.unit(chunk.vector());
		List<Float> dense = new ArrayList<>(unit.length);
		for (float value : unit) {
			dense.add(value);
		}
		Map<String, Vector> vectors = new LinkedHashMap<>();
		vectors.put(QdrantPayload.DENSE, vector(dense));
		SparseEncoder.Sparse terms = this.sparse.document(chunk);
		if (!terms.isEmpty()) {
			vectors.put(QdrantPayload.SPARSE, vector(terms.values(), terms.indices()));
		}
		return PointStruct.newBuilder()
			.setId(QdrantPayload.pointId(chunk.id()))
			.setVectors(namedVectors(vectors))
			.putAllPayload(QdrantPayload.toPayload(chunk))
			.build();
	}

	private void delete(Filter filter) {
		call("delete",
				this.client.deleteAsync(DeletePoints.newBuilder()
					.setCollectionName(this.collection)
					.setWait(true)
					.setPoints(PointsSelector.newBuilder().setFilter(filter))
					.build(), this.timeout));
	}

	private static List<ScoredChunk> hits(List<ScoredPoint> points, boolean cosine) {
		List<ScoredChunk> hits = new ArrayList<>(points.size());
		for (ScoredPoint point : points) {
			double score = cosine ? Math.max(-1.0, Math.min(1.0, point.getScore())) : point.getScore();
			hits.add(new ScoredChunk(QdrantPayload.toChunk(point.getPayloadMap()), score));
		}
		hits.sort(BEST_FIRST);
		return hits;
	}

	private boolean collectionReady() {
		if (this.ready) {
			return true;
		}
		synchronized (this.bootstrapLock) {
			if (!this.ready) {
				this.ready = bootstrap(this.configuredDimension);
			}
			return this.ready;
		}
	}

	private void ensureCollection(int length) {
		if (!this.ready) {
			synchronized (this.bootstrapLock) {
				if (!this.ready) {
					this.ready = bootstrap(length);
				}
			}
		}
		int expected = this.dimension.get();
		if (expected != length) {
			throw new IllegalArgumentException("Vectors of dimension " + length + " cannot be added to the collection "
					+ this.collection + ", which holds vectors of dimension " + expected);
		}
	}

	/**
	 * Reads the collection, or creates it when a dimension is known, and makes sure every
	 * payload index exists.
	 * @return whether the collection exists now
	 */
	private boolean bootstrap(Integer dimensionToCreate) {
		boolean exists = call("collection check", this.client.collectionExistsAsync(this.collection, this.timeout));
		if (!exists) {
			if (dimensionToCreate == null) {
				return false;
			}
			create(dimensionToCreate);
		}
		int existing = readDimension();
		if (this.configuredDimension != null && existing != this.configuredDimension) {
			throw new IllegalStateException("The Qdrant collection " + this.collection + " holds vectors of dimension "
					+ existing + " but noterag.vector-store.qdrant.dimension is " + this.configuredDimension
					+ "; use another collection or fix the setting");
		}
		createPayloadIndexes();
		this.dimension.set(existing);
		return true;
	}

	private void create(int size) {
		CreateCollection request = CreateCollection.newBuilder()
			.setCollectionName(this.collection)
			.setVectorsConfig(VectorsConfig.newBuilder()
				.setParamsMap(VectorParamsMap.newBuilder()
					.putMap(QdrantPayload.DENSE,
							VectorParams.newBuilder().setSize(size).setDistance(Distance.Cosine).build())))
			.setSparseVectorsConfig(SparseVectorConfig.newBuilder()
				.putMap(QdrantPayload.SPARSE, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
			.build();
		try {
			call("collection creation", this.client.createCollectionAsync(request, this.timeout));
			logger.info("Created the Qdrant collection {} with dense vectors of dimension {}", this.collection, size);
		}
		catch (IllegalStateException ex) {
			// another replica may have created it meanwhile: then use that one
			if (!call("collection check", this.client.collectionExistsAsync(this.collection, this.timeout))) {
				throw ex;
			}
		}
	}

	private int readDimension() {
		CollectionInfo info = call("collection info",
				this.client.getCollectionInfoAsync(this.collection, this.timeout));
		var params = info.getConfig().getParams();
		VectorParams dense = params.getVectorsConfig().getParamsMap().getMapMap().get(QdrantPayload.DENSE);
		boolean hasSparse = params.getSparseVectorsConfig().getMapMap().containsKey(QdrantPayload.SPARSE);
		if (dense == null || !hasSparse) {
			throw new IllegalStateException(
					"The Qdrant collection " + this.collection + " exists but lacks the named dense vector '"
							+ QdrantPayload.DENSE + "' or the sparse vector '" + QdrantPayload.SPARSE
							+ "' this store writes; set noterag.vector-store.qdrant.collection to a new collection");
		}
		return (int) dense.getSize();
	}

	private void createPayloadIndexes() {
		for (String field : QdrantPayload.KEYWORD_FIELDS) {
			call("payload index " + field, this.client.createPayloadIndexAsync(this.collection, field,
					PayloadSchemaType.Keyword, null, true, null, this.timeout));
		}
		for (String field : QdrantPayload.INTEGER_FIELDS) {
			call("payload index " + field, this.client.createPayloadIndexAsync(this.collection, field,
					PayloadSchemaType.Integer, null, true, null, this.timeout));
		}
	}

	private <T> T call(String what, ListenableFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during the Qdrant " + what, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			String reason = (cause instanceof StatusRuntimeException status) ? describe(status.getStatus())
					: String.valueOf(cause);
			throw new IllegalStateException(
					"The Qdrant " + what + " on collection " + this.collection + " failed: " + reason, cause);
		}
	}

	private static String describe(Status status) {
		return status.getCode() + ((status.getDescription() != null) ? " " + status.getDescription() : "");
	}

	private static void requireId(String id, String name) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private static void requirePositive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, got " + value);
		}
	}

}
