package io.noterag.shared.vector.lucene;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.ChunkRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index schema: how a {@link ChunkRecord} becomes a Lucene document and back.
 */
final class ChunkDocuments {

	static final String ID = "id";

	static final String DOCUMENT_ID = "document_id";

	static final String CHUNK_INDEX = "chunk_index";

	static final String TEXT = "text";

	static final String TITLE = "title";

	static final String HEADING = "heading";

	static final String URL = "url";

	static final String SOURCE_TYPE = "source_type";

	static final String DATA_SOURCE_ID = "data_source_id";

	static final String TAGS = "tags";

	static final String MODIFIED_AT = "modified_at";

	static final String MODIFIED_AT_EXACT = "modified_at_exact";

	static final String PRINCIPALS = "principals";

	static final String METADATA = "metadata";

	static final String VECTOR = "vector";

	/** Title, heading and text, analysed for BM25; not stored. */
	static final String CONTENT = "content";

	/** Vectors are normalised on the way in, so the dot product is the cosine. */
	static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

	private static final JsonMapper json = JsonMapper.shared();

	private static final TypeReference<Map<String, String>> METADATA_TYPE = new TypeReference<>() {
	};

	private ChunkDocuments() {
	}

	static Document toDocument(ChunkRecord chunk, float[] unitVector) {
		Document doc = new Document();
		doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
		doc.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
		doc.add(new IntField(CHUNK_INDEX, chunk.chunkIndex(), Field.Store.YES));
		doc.add(new StoredField(TEXT, chunk.text()));
		addStored(doc, TITLE, chunk.title());
		doc.add(new StoredField(HEADING, chunk.heading()));
		addStored(doc, URL, chunk.url());
		if (chunk.sourceType() != null) {
			doc.add(new StringField(SOURCE_TYPE, chunk.sourceType(), Field.Store.YES));
		}
		if (chunk.dataSourceId() != null) {
			doc.add(new StringField(DATA_SOURCE_ID, chunk.dataSourceId(), Field.Store.YES));
		}
		for (String tag : chunk.tags()) {
			doc.add(new StringField(TAGS, tag, Field.Store.YES));
		}
		if (chunk.modifiedAt() != null) {
			doc.add(new LongPoint(MODIFIED_AT, toEpochNanos(chunk.modifiedAt())));
			doc.add(new StoredField(MODIFIED_AT_EXACT, chunk.modifiedAt().toString()));
		}
		for (String principal : chunk.principals()) {
			doc.add(new StringField(PRINCIPALS, principal, Field.Store.YES));
		}
		doc.add(new StoredField(METADATA, json.writeValueAsString(chunk.metadata())));
		doc.add(new KnnFloatVectorField(VECTOR, unitVector, SIMILARITY));
		doc.add(new TextField(CONTENT, searchableText(chunk), Field.Store.NO));
		return doc;
	}

	static ChunkRecord toChunk(Document doc) {
		String modified = doc.get(MODIFIED_AT_EXACT);
		String metadata = doc.get(METADATA);
		return new ChunkRecord(doc.get(ID), doc.get(DOCUMENT_ID), doc.getField(CHUNK_INDEX).numericValue().intValue(),
				doc.get(TEXT), doc.get(TITLE), doc.get(HEADING), doc.get(URL), doc.get(SOURCE_TYPE),
				doc.get(DATA_SOURCE_ID), Arrays.asList(doc.getValues(TAGS)),
				(modified != null) ? Instant.parse(modified) : null, Arrays.asList(doc.getValues(PRINCIPALS)),
				(metadata != null) ? json.readValue(metadata, METADATA_TYPE) : Map.of(), null);
	}

	/**
	 * The text BM25 searches: title, heading and text. The stored fields keep each part
	 * exact.
	 */
	static String searchableText(ChunkRecord chunk) {
		StringBuilder text = new StringBuilder();
		for (String part : List.of(nullToEmpty(chunk.title()), chunk.heading(), chunk.text())) {
			if (!part.isBlank()) {
				text.append(part).append('\n');
			}
		}
		return text.toString();
	}

	/**
	 * Nanoseconds since the epoch, saturated at the bounds of a long (years 1677 to
	 * 2262), so that ranges compare at full precision.
	 */
	static long toEpochNanos(Instant instant) {
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	private static void addStored(Document doc, String name, String value) {
		if (value != null) {
			doc.add(new StoredField(name, value));
		}
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
