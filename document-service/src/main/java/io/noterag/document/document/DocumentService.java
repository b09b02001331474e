package io.noterag.document.document;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.document.document.internal.DocumentStore;
import io.noterag.document.job.ItemOutcome;
import io.noterag.document.job.ItemReport;
import io.noterag.document.job.SyncJobs;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.web.ApiException;

/** Reads documents for people and writes them for the indexing worker. */
@Service
class DocumentService {

	private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

	private final DocumentStore store;

	private final JdbcClient jdbc;

	private final MultimodalClient multimodal;

	private final DocumentProperties properties;

	private final SyncJobs jobs;

	private final Clock clock;

	DocumentService(DocumentStore store, JdbcClient jdbc, MultimodalClient multimodal, DocumentProperties properties,
			SyncJobs jobs, Clock clock) {
		this.store = store;
		this.jdbc = jdbc;
		this.multimodal = multimodal;
		this.properties = properties;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	DocumentPage list(List<String> principals, int limit, int offset) {
		if (limit < 1 || limit > this.properties.maxPageSize()) {
			throw ApiException.badRequest("'limit' must be between 1 and " + this.properties.maxPageSize() + ".");
		}
		if (offset < 0) {
			throw ApiException.badRequest("'offset' must not be negative.");
		}
		List<DocumentView> documents = this.store.findReadable(principals, limit, offset)
			.stream()
			.map(StoredDocument::toView)
			.toList();
		return new DocumentPage(documents, this.store.countReadable(principals), limit, offset);
	}

	/**
	 * A document the caller may read, with its images and related documents. Images come
	 * from multimodal-service; when it cannot answer, the document comes without them and
	 * with a warning.
	 */
	DocumentDetails details(UUID id, List<String> principals) {
		StoredDocument document = this.store.findReadable(id, principals)
			.orElseThrow(() -> ApiException.notFound("There is no document " + id + "."));
		List<StoredDocument> related = this.store.findSharingTags(document, this.properties.relatedLimit());
		if (related.isEmpty()) {
			related = this.store.findLatestSiblings(document, this.properties.relatedLimit());
		}
		List<String> warnings = new ArrayList<>();
		List<Map<String, Object>> images;
		try {
			images = this.multimodal.imagesOf(id);
		}
		catch (RuntimeException ex) {
			log.warn("Images of document {} are unavailable: {}", id, ex.toString());
			warnings.add("Images are unavailable: multimodal-service could not be reached or failed.");
			images = List.of();
		}
		return new DocumentDetails(document.toView(), images, related.stream().map(StoredDocument::toView).toList(),
				warnings);
	}

	@Transactional(readOnly = true)
	StoredDocument get(UUID id) {
		return this.store.find(id).orElseThrow(() -> ApiException.notFound("There is no document " + id + "."));
	}

	@Transactional(readOnly = true)
	List<KnownDocument> known(UUID dataSourceId) {
		sourceType(dataSourceId, false);
		return this.store.findKnown(dataSourceId);
	}

	/**
	 * Writes a document's metadata as the worker indexed it and, when the request names
	 * its sync job, counts its item as indexed by that job in the same transaction.
	 * @throws ApiException 400 when the id is not the document's deterministic id or the
	 * type is not the source's, 404 when the data source does not exist (any more)
	 */
	@Transactional
	Upserted upsert(UUID id, UpsertDocumentRequest request) {
		String expected = ChunkIds.documentId(request.dataSourceId().toString(), request.sourceId());
		if (!expected.equals(id.toString())) {
			throw ApiException.badRequest("The document id must be ChunkIds.documentId(data_source_id, source_id) = "
					+ expected + ", not " + id + ".");
		}
		// locked so that the source cannot be deleted under the write
		String sourceType = sourceType(request.dataSourceId(), true);
		if (!sourceType.equals(request.sourceType())) {
			throw ApiException.badRequest("'source_type' is '" + request.sourceType() + "' but data source "
					+ request.dataSourceId() + " is of type '" + sourceType + "'.");
		}
		StoredDocument document = new StoredDocument(id, request.sourceType(), request.sourceId(),
				request.dataSourceId(), request.title(), request.contentType(), request.url(), request.createdAt(),
				request.modifiedAt(), this.clock.instant().truncatedTo(ChronoUnit.MICROS),
				(request.tags() != null) ? request.tags().stream().map(String::trim).distinct().toList() : List.of(),
				(request.metadata() != null) ? request.metadata() : Map.of(),
				(request.chunkCount() != null) ? request.chunkCount() : 0, request.contentHash());
		StoredDocument stored;
		try {
			stored = this.store.upsert(document);
		}
		catch (DataIntegrityViolationException ex) {
			throw ApiException.notFound("Data source " + request.dataSourceId() + " was deleted.");
		}
		if (request.jobId() == null) {
			return new Upserted(stored, null);
		}
		boolean counted = this.jobs.countItemIfRunning(request.jobId(),
				new ItemReport(request.sourceId(), ItemOutcome.INDEXED, null));
		if (!counted) {
			log.info("Document {} recorded; its sync job {} no longer counts items", id, request.jobId());
		}
		return new Upserted(stored, counted);
	}

	/**
	 * A document as recorded.
	 *
	 * @param document the document
	 * @param itemCounted whether the sync job named in the request counts its item;
	 * {@code null} when the request named none
	 */
	record Upserted(StoredDocument document, Boolean itemCounted) {
	}

	@Transactional
	void delete(UUID id) {
		this.store.delete(id);
	}

	private String sourceType(UUID dataSourceId, boolean lock) {
		return this.jdbc.sql("SELECT type FROM data_sources WHERE id = :id" + (lock ? " FOR SHARE" : ""))
			.param("id", dataSourceId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("There is no data source " + dataSourceId + "."));
	}

}
