package io.noterag.shared.vector.qdrant;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.Condition;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.FieldCondition;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryBatchResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.Range;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.PointsGrpc;

/**
 * An in-process gRPC server built from the Qdrant client's own generated service stubs,
 * for testing how the adapter maps its calls to Qdrant requests and Qdrant responses back
 * to our records. It records every request, and keeps points in memory so that searches,
 * scrolls and counts answer plausibly (filters, cosine, sparse dot product with IDF,
 * ordering by chunk index). It is not Qdrant: ranking and filtering are approximations
 * for the tests' small data, and nothing here proves Qdrant's behaviour; the contract
 * suite against a real server ({@code QDRANT_URL}) does that.
 */
final class InProcessQdrant implements AutoCloseable {

	final List<Message> requests = new CopyOnWriteArrayList<>();

	/** When set, the next queries answer with these points instead of searching. */
	volatile List<ScoredPoint> cannedQueryAnswer;

	private final Map<String, CreateCollection> collections = new LinkedHashMap<>();

	private final Map<String, PointStruct> points = new LinkedHashMap<>();

	private final Server server;

	private final String name = "qdrant-" + UUID.randomUUID();

	InProcessQdrant() throws IOException {
		this.server = InProcessServerBuilder.forName(this.name)
			.directExecutor()
			.addService(new Collections())
			.addService(new Points())
			.build()
			.start();
	}

	QdrantClient client() {
		ManagedChannel channel = InProcessChannelBuilder.forName(this.name).directExecutor().build();
		return new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false).build());
	}

	<T extends Message> List<T> requests(Class<T> type) {
		List<T> matching = new ArrayList<>();
		for (Message request : this.requests) {
			if (type.isInstance(request)) {
				matching.add(type.cast(request));
			}
		}
		return matching;
	}

	synchronized Map<String, PointStruct> points() {
		return new LinkedHashMap<>(this.points);
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	private final class Collections extends CollectionsGrpc.CollectionsImplBase {

		@Override
		public void collectionExists(CollectionExistsRequest request,
				StreamObserver<CollectionExistsResponse> response) {
			InProcessQdrant.this.requests.add(request);
			boolean exists;
			synchronized (InProcessQdrant.this) {
				exists = InProcessQdrant.this.collections.containsKey(request.getCollectionName());
			}
			reply(response,
					CollectionExistsResponse.newBuilder()
						.setResult(CollectionExists.newBuilder().setExists(exists))
						.build());
		}

		@Override
		public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> response) {
			InProcessQdrant.this.requests.add(request);
			synchronized (InProcessQdrant.this) {
				if (InProcessQdrant.this.collections.putIfAbsent(request.getCollectionName(), request) != null) {
					response.onError(Status.ALREADY_EXISTS
						.withDescription("Collection `" + request.getCollectionName() + "` already exists!")
						.asRuntimeException());
					return;
				}
			}
			reply(response, CollectionOperationResponse.newBuilder().setResult(true).build());
		}

		@Override
		public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> response) {
			InProcessQdrant.this.requests.add(request);
			CreateCollection created;
			synchronized (InProcessQdrant.this) {
				created = InProcessQdrant.this.collections.get(request.getCollectionName());
			}
			if (created == null) {
				response.onError(Status.NOT_FOUND.withDescription("Collection not found").asRuntimeException());
				return;
			}
			CollectionParams params = CollectionParams.newBuilder()
				.setVectorsConfig(created.getVectorsConfig())
				.setSparseVectorsConfig(created.getSparseVectorsConfig())
				.build();
			reply(response,
					GetCollectionInfoResponse.newBuilder()
						.setResult(
								CollectionInfo.newBuilder().setConfig(CollectionConfig.newBuilder().setParams(params)))
						.build());
		}

	}

	private final class Points extends PointsGrpc.PointsImplBase {

		@Override
		public void createFieldIndex(CreateFieldIndexCollection request,
				StreamObserver<PointsOperationResponse> response) {
			InProcessQdrant.this.requests.add(request);
			reply(response, completed());
		}

		@Override
		public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> response) {
			InProcessQdrant.this.requests.add(request);
			synchronized (InProcessQdrant.this) {
				for (PointStruct point : request.getPointsList()) {
					InProcessQdrant.this.points.put(point.getId().getUuid(), point);
				}
			}
			reply(response, completed());
		}

		@Override
		public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> response) {
			InProcessQdrant.this.requests.add(request);
			synchronized (InProcessQdrant.this) {
				InProcessQdrant.this.points.values()
					.removeIf((point) -> matches(point, request.getPoints().getFilter()));
			}
			reply(response, completed());
		}

		@Override
		public void query(QueryPoints request, StreamObserver<QueryResponse> response) {
			InProcessQdrant.this.requests.add(request);
			reply(response, QueryResponse.newBuilder().addAllResult(answer(request)).build());
		}

		@Override
		public void queryBatch(QueryBatchPoints request, StreamObserver<QueryBatchResponse> response) {
			InProcessQdrant.this.requests.add(request);
			QueryBatchResponse.Builder batch = QueryBatchResponse.newBuilder();
			for (QueryPoints query : request.getQueryPointsList()) {
				batch.addResult(BatchResult.newBuilder().addAllResult(answer(query)));
			}
			reply(response, batch.build());
		}

		@Override
		public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> response) {
			InProcessQdrant.this.requests.add(request);
			String key = request.getOrderBy().getKey();
			long from = request.getOrderBy().getStartFrom().getInteger();
			List<PointStruct> found;
			synchronized (InProcessQdrant.this) {
				found = InProcessQdrant.this.points.values()
					.stream()
					.filter((point) -> matches(point, request.getFilter()))
					.filter((point) -> point.getPayloadMap().get(key).getIntegerValue() >= from)
					.sorted(Comparator.comparingLong((point) -> point.getPayloadMap().get(key).getIntegerValue()))
					.limit(request.getLimit())
					.toList();
			}
			ScrollResponse.Builder scroll = ScrollResponse.newBuilder();
			for (PointStruct point : found) {
				scroll.addResult(RetrievedPoint.newBuilder().setId(point.getId()).putAllPayload(point.getPayloadMap()));
			}
			reply(response, scroll.build());
		}

		@Override
		public void get(GetPoints request, StreamObserver<GetResponse> response) {
			InProcessQdrant.this.requests.add(request);
			List<String> wanted = request.getWithVectors().getInclude().getNamesList();
			GetResponse.Builder found = GetResponse.newBuilder();
			synchronized (InProcessQdrant.this) {
				for (PointId id : request.getIdsList()) {
					PointStruct point = InProcessQdrant.this.points.get(id.getUuid());
					if (point == null) {
						continue;
					}
					NamedVectorsOutput.Builder vectors = NamedVectorsOutput.newBuilder();
					point.getVectors().getVectors().getVectorsMap().forEach((name, vector) -> {
						if (wanted.contains(name) && !vector.hasIndices()) {
							vectors.putVectors(name,
									VectorOutput.newBuilder()
										.setDense(DenseVector.newBuilder().addAllData(vector.getDataList()))
										.build());
						}
					});
					RetrievedPoint.Builder retrieved = RetrievedPoint.newBuilder()
						.setId(point.getId())
						.setVectors(VectorsOutput.newBuilder().setVectors(vectors));
					if (request.getWithPayload().getEnable()) {
						retrieved.putAllPayload(point.getPayloadMap());
					}
					found.addResult(retrieved);
				}
			}
			reply(response, found.build());
		}

		@Override
		public void count(CountPoints request, StreamObserver<CountResponse> response) {
			InProcessQdrant.this.requests.add(request);
			long count;
			synchronized (InProcessQdrant.this) {
				count = InProcessQdrant.this.points.values()
					.stream()
					.filter((point) -> matches(point, request.getFilter()))
					.count();
			}
			reply(response, CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(count)).build());
		}

	}

	private List<ScoredPoint> answer(QueryPoints query) {
		List<ScoredPoint> canned = this.cannedQueryAnswer;
		if (canned != null) {
			return canned;
		}
		List<PointStruct> candidates;
		synchronized (this) {
			candidates = this.points.values().stream().filter((point) -> matches(point, query.getFilter())).toList();
		}
		List<ScoredPoint> scored = new ArrayList<>();
		for (PointStruct point : candidates) {
			Vector stored = point.getVectors().getVectors().getVectorsMap().get(query.getUsing());
			if (stored == null) {
				continue;
			}
			double score = query.getUsing().equals(QdrantPayload.SPARSE) ? sparseScore(stored, query, candidates.size())
					: cosine(stored, query);
			if (query.getUsing().equals(QdrantPayload.SPARSE) && score == 0) {
				continue;
			}
			scored.add(ScoredPoint.newBuilder()
				.setId(point.getId())
				.setScore((float) score)
				.putAllPayload(point.getPayloadMap())
				.build());
		}
		scored.sort(Comparator.comparingDouble(ScoredPoint::getScore).reversed());
		return scored.subList(0, (int) Math.min(query.getLimit(), scored.size()));
	}

	private static double cosine(Vector stored, QueryPoints query) {
		List<Float> q = query.getQuery().getNearest().getDense().getDataList();
		double dot = 0;
		double norm = 0;
		for (int i = 0; i < q.size(); i++) {
			dot += q.get(i) * stored.getData(i);
			norm += q.get(i) * q.get(i);
		}
		return dot / Math.sqrt(norm);
	}

	private double sparseScore(Vector stored, QueryPoints query, int total) {
		List<Integer> indices = query.getQuery().getNearest().getSparse().getIndicesList();
		List<Float> values = query.getQuery().getNearest().getSparse().getValuesList();
		double score = 0;
		for (int i = 0; i < indices.size(); i++) {
			int position = stored.getIndices().getDataList().indexOf(indices.get(i));
			if (position >= 0) {
				score += idf(indices.get(i), total) * values.get(i) * stored.getData(position);
			}
		}
		return score;
	}

	private synchronized double idf(int index, int total) {
		long withTerm = this.points.values().stream().filter((point) -> {
			Vector sparse = point.getVectors().getVectors().getVectorsMap().get(QdrantPayload.SPARSE);
			return sparse != null && sparse.getIndices().getDataList().contains(index);
		}).count();
		return Math.log(1 + (total - withTerm + 0.5) / (withTerm + 0.5));
	}

	static boolean matches(PointStruct point, Filter filter) {
		for (Condition condition : filter.getMustList()) {
			if (!matches(point, condition)) {
				return false;
			}
		}
		for (Condition condition : filter.getMustNotList()) {
			if (matches(point, condition)) {
				return false;
			}
		}
		if (filter.getShouldCount() > 0) {
			return filter.getShouldList().stream().anyMatch((condition) -> matches(point, condition));
		}
		return true;
	}

	private static boolean matches(PointStruct point, Condition condition) {
		return switch (condition.getConditionOneOfCase()) {
			case FILTER -> matches(point, condition.getFilter());
			case HAS_ID -> condition.getHasId().getHasIdList().contains(point.getId());
			case FIELD -> matches(point.getPayloadMap().get(condition.getField().getKey()), condition.getField());
			default -> throw new IllegalArgumentException("Unsupported condition " + condition);
		};
	}

	private static boolean matches(Value value, FieldCondition field) {
		if (value == null) {
			return false;
		}
		List<Value> values = value.hasListValue() ? value.getListValue().getValuesList() : List.of(value);
		return values.stream().anyMatch((item) -> {
			if (field.hasMatch()) {
				return switch (field.getMatch().getMatchValueCase()) {
					case KEYWORD -> item.getStringValue().equals(field.getMatch().getKeyword());
					case KEYWORDS -> field.getMatch().getKeywords().getStringsList().contains(item.getStringValue());
					case INTEGER -> item.hasIntegerValue() && item.getIntegerValue() == field.getMatch().getInteger();
					default -> throw new IllegalArgumentException("Unsupported match " + field);
				};
			}
			if (field.hasRange()) {
				Range range = field.getRange();
				double number = item.getIntegerValue();
				return (!range.hasGt() || number > range.getGt()) && (!range.hasGte() || number >= range.getGte())
						&& (!range.hasLt() || number < range.getLt()) && (!range.hasLte() || number <= range.getLte());
			}
			throw new IllegalArgumentException("Unsupported field condition " + field);
		});
	}

	private static PointsOperationResponse completed() {
		return PointsOperationResponse.newBuilder()
			.setResult(UpdateResult.newBuilder().setStatus(UpdateStatus.Completed))
			.build();
	}

	private static <T> void reply(StreamObserver<T> response, T message) {
		response.onNext(message);
		response.onCompleted();
	}

}
