package io.noterag.document.document.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.noterag.document.document.KnownDocument;
import io.noterag.document.document.StoredDocument;

/**
 * Documents' metadata in SQL. Reads for people take the caller's principals and return
 * only documents of data sources that list one of them; {@code *} reads everything.
 */
@Repository
public class DocumentStore {

	/** Principal that reads every document (administrators and services). */
	public static final String EVERY_PRINCIPAL = "*";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			d.id, d.source_type, d.source_id, d.data_source_id, d.title, d.content_type, d.url, d.created_at,
			d.modified_at, d.indexed_at, d.tags, d.metadata::text AS metadata, d.chunk_count, d.content_hash
			""";

	private static final String READABLE = """
			(:everything OR EXISTS (SELECT 1 FROM data_sources s
			                        WHERE s.id = d.data_source_id AND s.principals && CAST(:principals AS text[])))
			""";

	private final JdbcClient jdbc;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final RowMapper<StoredDocument> rowMapper = this::map;

	DocumentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts or replaces a document in one statement, so that two workers writing the
	 * same document at once leave one whole row.
	 * @param document the document; its {@code indexedAt} is the time of this write
	 * @return the stored document
	 */
	public StoredDocument upsert(StoredDocument document) {
		return this.jdbc.sql("""
				INSERT INTO documents AS d (id, data_source_id, source_type, source_id, title, content_type, url,
				    created_at, modified_at, indexed_at, metadata, tags, content_hash, chunk_count)
				VALUES (:id, :dataSourceId, :sourceType, :sourceId, :title, :contentType, :url, :createdAt,
				    :modifiedAt, :indexedAt, CAST(:metadata AS jsonb), CAST(:tags AS text[]), :contentHash, :chunkCount)
				ON CONFLICT (id) DO UPDATE SET
				    source_type = EXCLUDED.source_type, title = EXCLUDED.title, content_type = EXCLUDED.content_type,
				    url = EXCLUDED.url, created_at = EXCLUDED.created_at, modified_at = EXCLUDED.modified_at,
				    indexed_at = EXCLUDED.indexed_at, metadata = EXCLUDED.metadata, tags = EXCLUDED.tags,
				    content_hash = EXCLUDED.content_hash, chunk_count = EXCLUDED.chunk_count
				RETURNING
				""" + COLUMNS)
			.param("id", document.id())
			.param("dataSourceId", document.dataSourceId())
			.param("sourceType", document.sourceType())
			.param("sourceId", document.sourceId())
			.param("title", document.title())
			.param("contentType", document.contentType())
			.param("url", document.url())
			.param("createdAt", utc(document.createdAt()))
			.param("modifiedAt", utc(document.modifiedAt()))
			.param("indexedAt", utc(document.indexedAt()))
			.param("metadata", this.mapper.writeValueAsString(document.metadata()))
			.param("tags", document.tags().toArray(String[]::new))
			.param("contentHash", document.contentHash())
			.param("chunkCount", document.chunkCount())
			.query(this.rowMapper)
			.single();
	}

	public Optional<StoredDocument> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM documents d WHERE d.id = :id")
			.param("id", id)
			.query(this.rowMapper)
			.optional();
	}

	public Optional<StoredDocument> findReadable(UUID id, List<String> principals) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM documents d WHERE d.id = :id AND " + READABLE)
			.param("id", id)
			.param("everything", principals.contains(EVERY_PRINCIPAL))
			.param("principals", principals.toArray(String[]::new))
			.query(this.rowMapper)
			.optional();
	}

	/**
	 * A page of the documents the principals may read, most recently modified first.
	 * @param principals the caller's principals
	 * @param limit page size
	 * @param offset position of the first
	 * @return the page
	 */
	public List<StoredDocument> findReadable(List<String> principals, int limit, int offset) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM documents d WHERE " + READABLE
					+ " ORDER BY d.modified_at DESC NULLS LAST, d.indexed_at DESC, d.id LIMIT :limit OFFSET :offset")
			.param("everything", principals.contains(EVERY_PRINCIPAL))
			.param("principals", principals.toArray(String[]::new))
			.param("limit", limit)
			.param("offset", offset)
			.query(this.rowMapper)
			.list();
	}

	public long countReadable(List<String> principals) {
		return this.jdbc.sql("SELECT count(*) FROM documents d WHERE " + READABLE)
			.param("everything", principals.contains(EVERY_PRINCIPAL))
			.param("principals", principals.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Other documents of the same data source that share at least one tag with the
	 * document, those sharing most tags first.
	 * @param document the document
	 * @param limit at most this many
	 * @return the documents
	 */
	public List<StoredDocument> findSharingTags(StoredDocument document, int limit) {
		if (document.tags().isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + """
				FROM documents d
				WHERE d.data_source_id = :dataSourceId AND d.id <> :id AND d.tags && CAST(:tags AS text[])
				ORDER BY (SELECT count(*) FROM unnest(d.tags) t WHERE t = ANY (CAST(:tags AS text[]))) DESC,
				         d.modified_at DESC NULLS LAST, d.id
				LIMIT :limit
				""")
			.param("dataSourceId", document.dataSourceId())
			.param("id", document.id())
			.param("tags", document.tags().toArray(String[]::new))
			.param("limit", limit)
			.query(this.rowMapper)
			.list();
	}

	/**
	 * The most recently modified other documents of the same data source.
	 * @param document the document
	 * @param limit at most this many
	 * @return the documents
	 */
	public List<StoredDocument> findLatestSiblings(StoredDocument document, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				FROM documents d
				WHERE d.data_source_id = :dataSourceId AND d.id <> :id
				ORDER BY d.modified_at DESC NULLS LAST, d.indexed_at DESC, d.id
				LIMIT :limit
				""")
			.param("dataSourceId", document.dataSourceId())
			.param("id", document.id())
			.param("limit", limit)
			.query(this.rowMapper)
			.list();
	}

	public List<KnownDocument> findKnown(UUID dataSourceId) {
		return this.jdbc.sql("""
				SELECT id, source_id, content_hash, modified_at FROM documents
				WHERE data_source_id = :dataSourceId ORDER BY source_id
				""")
			.param("dataSourceId", dataSourceId)
			.query((rs, n) -> new KnownDocument(rs.getObject("id", UUID.class), rs.getString("source_id"),
					rs.getString("content_hash"), instant(rs, "modified_at")))
			.list();
	}

	/**
	 * Deletes a document.
	 * @param id the document
	 * @return whether it existed
	 */
	public boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM documents WHERE id = :id").param("id", id).update() > 0;
	}

	private StoredDocument map(ResultSet rs, int rowNum) throws SQLException {
		Array tags = rs.getArray("tags");
		List<String> tagList = (tags != null) ? Arrays.asList((String[]) tags.getArray()) : List.of();
		String metadata = rs.getString("metadata");
		return new StoredDocument(rs.getObject("id", UUID.class), rs.getString("source_type"),
				rs.getString("source_id"), rs.getObject("data_source_id", UUID.class), rs.getString("title"),
				rs.getString("content_type"), rs.getString("url"), instant(rs, "created_at"),
				instant(rs, "modified_at"), instant(rs, "indexed_at"), List.copyOf(tagList),
				(metadata != null) ? this.mapper.readValue(metadata, MAP) : Map.of(), rs.getInt("chunk_count"),
				rs.getString("content_hash"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
