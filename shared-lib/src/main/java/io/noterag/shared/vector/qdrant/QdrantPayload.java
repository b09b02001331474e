package io.noterag.shared.vector.qdrant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.noterag.shared.vector.ChunkRecord;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointId;

import static io.qdrant.client.ValueFactory.value;

/**
 * The collection's schema: how a {@link ChunkRecord} becomes a point's payload and back,
 * and which payload fields are indexed.
 */
final class QdrantPayload {

	static final String DENSE = "dense";

	static final String SPARSE = "sparse";

	static final String CHUNK_ID = "chunk_id";

	static final String DOCUMENT_ID = "document_id";

	static final String CHUNK_INDEX = "chunk_index";

	static final String TEXT = "text";

	static final String TITLE = "title";

	static final String HEADING = "heading";

	static final String URL = "url";

	static final String SOURCE_TYPE = "source_type";

	static final String DATA_SOURCE_ID = "data_source_id";

	static final String TAGS = "tags";

	/** The exact modification time, ISO-8601, as read back. */
	static final String MODIFIED_AT = "modified_at";

	/** Epoch seconds of the modification time, indexed as an integer. */
	static final String MODIFIED_AT_SECONDS = "modified_at_s";

	/** Nanoseconds within that second, indexed as an integer. */
	static final String MODIFIED_AT_NANOS = "modified_at_ns";

	static final String PRINCIPALS = "principals";

	static final String METADATA = "metadata";

	/** Payload fields with a keyword index. */
	static final List<String> KEYWORD_FIELDS = List.of(DOCUMENT_ID, DATA_SOURCE_ID, SOURCE_TYPE, TAGS, PRINCIPALS);

	/** Payload fields with an integer index (range and match). */
	static final List<String> INTEGER_FIELDS = List.of(CHUNK_INDEX, MODIFIED_AT_SECONDS, MODIFIED_AT_NANOS);

	private QdrantPayload() {
	}

	/**
	 * The point id of a chunk: its id when that is a UUID (as {@code ChunkIds} makes
	 * them), else a name-based UUID of it, so that any id is deterministic.
	 * @param chunkId the chunk's id
	 * @return the point id
	 */
	static PointId pointId(String chunkId) {
		return PointId.newBuilder().setUuid(pointUuid(chunkId).toString()).build();
	}

	static UUID pointUuid(String chunkId) {
		try {
			UUID uuid = UUID.fromString(chunkId);
			if (uuid.toString().equals(chunkId)) {
				return uuid;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a UUID: derive one below
		}
		return UUID.nameUUIDFromBytes(("point:" + chunkId).getBytes(StandardCharsets.UTF_8));
	}

	static Map<String, Value> toPayload(ChunkRecord chunk) {
		Map<String, Value> payload = new LinkedHashMap<>();
		payload.put(CHUNK_ID, value(chunk.id()));
		payload.put(DOCUMENT_ID, value(chunk.documentId()));
		payload.put(CHUNK_INDEX, value(chunk.chunkIndex()));
		payload.put(TEXT, value(chunk.text()));
		putIfPresent(payload, TITLE, chunk.title());
		payload.put(HEADING, value(chunk.heading()));
		putIfPresent(payload, URL, chunk.url());
		putIfPresent(payload, SOURCE_TYPE, chunk.sourceType());
		putIfPresent(payload, DATA_SOURCE_ID, chunk.dataSourceId());
		payload.put(TAGS, strings(chunk.tags()));
		if (chunk.modifiedAt() != null) {
			payload.put(MODIFIED_AT, value(chunk.modifiedAt().toString()));
			payload.put(MODIFIED_AT_SECONDS, value(chunk.modifiedAt().getEpochSecond()));
			payload.put(MODIFIED_AT_NANOS, value(chunk.modifiedAt().getNano()));
		}
		payload.put(PRINCIPALS, strings(chunk.principals()));
		Map<String, Value> metadata = new LinkedHashMap<>();
		chunk.metadata().forEach((key, text) -> metadata.put(key, value(text)));
		payload.put(METADATA, value(metadata));
		return payload;
	}

	static ChunkRecord toChunk(Map<String, Value> payload) {
		String modified = string(payload, MODIFIED_AT);
		Map<String, String> metadata = new HashMap<>();
		Value metadataValue = payload.get(METADATA);
		if (metadataValue != null && metadataValue.hasStructValue()) {
			metadataValue.getStructValue()
				.getFieldsMap()
				.forEach((key, text) -> metadata.put(key, text.getStringValue()));
		}
		Value index = payload.get(CHUNK_INDEX);
		return new ChunkRecord(string(payload, CHUNK_ID), string(payload, DOCUMENT_ID),
				(index != null) ? (int) index.getIntegerValue() : 0, string(payload, TEXT), string(payload, TITLE),
				string(payload, HEADING), string(payload, URL), string(payload, SOURCE_TYPE),
				string(payload, DATA_SOURCE_ID), strings(payload, TAGS),
				(modified != null) ? Instant.parse(modified) : null, strings(payload, PRINCIPALS), metadata, null);
	}

	private static void putIfPresent(Map<String, Value> payload, String key, String text) {
		if (text != null) {
			payload.put(key, value(text));
		}
	}

	private static Value strings(List<String> values) {
		ListValue.Builder list = ListValue.newBuilder();
		for (String text : values) {
			list.addValues(value(text));
		}
		return Value.newBuilder().setListValue(list).build();
	}

	private static String string(Map<String, Value> payload, String key) {
		Value value = payload.get(key);
		return (value != null && value.hasStringValue()) ? value.getStringValue() : null;
	}

	private static List<String> strings(Map<String, Value> payload, String key) {
		Value value = payload.get(key);
		if (value == null) {
			return List.of();
		}
		if (value.hasStringValue()) {
			return List.of(value.getStringValue());
		}
		List<String> values = new ArrayList<>();
		for (Value item : value.getListValue().getValuesList()) {
			values.add(item.getStringValue());
		}
		return values;
	}

}
