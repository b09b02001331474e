package io.noterag.indexing.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.noterag.indexing.catalog.DocumentRecord;
import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.FailedItem;
import io.noterag.indexing.catalog.ItemReport;
import io.noterag.indexing.catalog.JobPlan;
import io.noterag.indexing.catalog.JobResult;
import io.noterag.indexing.catalog.JobState;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.SourceDetails;

/** document-service's internal API in memory, recording what the worker told it. */
class FakeDocumentService extends DocumentServiceClient {

	final Map<UUID, SourceDetails> sources = new LinkedHashMap<>();

	final Map<String, KnownDocument> documents = new LinkedHashMap<>();

	final Map<String, DocumentRecord> upserts = new LinkedHashMap<>();

	final List<String> deletedDocuments = new CopyOnWriteArrayList<>();

	final List<JobPlan> plans = new ArrayList<>();

	final List<ItemReport> reports = new CopyOnWriteArrayList<>();

	final List<JobResult> finishes = new ArrayList<>();

	final List<String> statuses = new ArrayList<>();

	final List<Map<String, String>> credentialUpdates = new ArrayList<>();

	final List<FailedItem> failedItems = new ArrayList<>();

	final List<Integer> failedItemLimits = new CopyOnWriteArrayList<>();

	final List<Instant> heartbeats = new CopyOnWriteArrayList<>();

	final List<String> documentLookups = new CopyOnWriteArrayList<>();

	/** Items counted by their job with their document's metadata. */
	final List<ItemReport> reportsWithDocuments = new CopyOnWriteArrayList<>();

	/** Whether it counts an item with its document, as document-service does. */
	volatile boolean countsItemsWithDocuments;

	volatile RuntimeException failedItemsFailure;

	volatile boolean finished;

	FakeDocumentService() {
		super(null);
	}

	@Override
	public JobState startJob(UUID jobId) {
		if (this.finished) {
			throw new DocumentServiceException.JobAlreadyFinished("finished", null);
		}
		return new JobState(jobId, null, "running");
	}

	@Override
	public void heartbeat(UUID jobId) {
		if (this.finished) {
			throw new DocumentServiceException.JobAlreadyFinished("finished", null);
		}
		this.heartbeats.add(Instant.now());
	}

	@Override
	public List<FailedItem> failedItems(UUID sourceId, int limit) {
		this.failedItemLimits.add(limit);
		if (this.failedItemsFailure != null) {
			throw this.failedItemsFailure;
		}
		return this.failedItems.stream().limit(limit).toList();
	}

	@Override
	public void finish(UUID jobId, JobResult result) {
		this.finishes.add(result);
	}

	@Override
	public SourceDetails source(UUID sourceId) {
		SourceDetails source = this.sources.get(sourceId);
		if (source == null) {
			throw new DocumentServiceException.NotFound("no source", null);
		}
		return source;
	}

	@Override
	public List<KnownDocument> documents(UUID sourceId) {
		return List.copyOf(this.documents.values());
	}

	@Override
	public KnownDocument document(String documentId) {
		this.documentLookups.add(documentId);
		return this.documents.get(documentId);
	}

	@Override
	public void plan(UUID jobId, JobPlan plan) {
		this.plans.add(plan);
	}

	@Override
	public void reportItem(UUID jobId, ItemReport report) {
		this.reports.add(report);
	}

	@Override
	public void updateStatus(UUID sourceId, String status, String error) {
		this.statuses.add(status);
	}

	@Override
	public void updateCredentials(UUID sourceId, Map<String, String> changed) {
		this.credentialUpdates.add(changed);
	}

	@Override
	public Boolean upsertDocument(String documentId, DocumentRecord document) {
		this.upserts.put(documentId, document);
		if (this.countsItemsWithDocuments && document.jobId() != null) {
			this.reportsWithDocuments.add(new ItemReport(document.sourceId(), ItemReport.INDEXED, null));
			return true;
		}
		return null;
	}

	@Override
	public void deleteDocument(String documentId) {
		this.deletedDocuments.add(documentId);
	}

}
