package io.noterag.indexing.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.JobProgress;
import io.noterag.indexing.catalog.JobResult;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.indexing.source.FileSystemSource;
import io.noterag.indexing.source.Listing;
import io.noterag.indexing.source.RejectedItem;
import io.noterag.indexing.source.SourceFile;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.VectorStore;

/**
 * Runs one sync job: starts it in document-service, lists the source's folder, indexes
 * new and changed files, skips unchanged ones by content hash, removes documents whose
 * file is gone, reports progress and finishes the job with its counts. A file that cannot
 * be indexed is a failed item and the rest goes on; a problem of the job itself that
 * cannot pass (unknown source type, folder outside the allowed roots) finishes it as
 * failed; one that may pass (document-service or the index unavailable) throws
 * {@link JobFailedException} so that the job is tried again. Running a job again is
 * harmless: unchanged files are skipped and every id is deterministic.
 */
public class SyncJobRunner {

	private static final Logger logger = LoggerFactory.getLogger(SyncJobRunner.class);

	private final DocumentServiceClient documentService;

	private final FileSystemSource files;

	private final DocumentIndexer indexer;

	private final VectorStore vectorStore;

	private final JobProperties properties;

	private final ScheduledExecutorService scheduler;

	private final IndexWriteLock lock;

	private final MeterRegistry meters;

	SyncJobRunner(DocumentServiceClient documentService, FileSystemSource files, DocumentIndexer indexer,
			VectorStore vectorStore, JobProperties properties, ScheduledExecutorService scheduler, IndexWriteLock lock,
			MeterRegistry meters) {
		this.documentService = documentService;
		this.files = files;
		this.indexer = indexer;
		this.vectorStore = vectorStore;
		this.properties = properties;
		this.scheduler = scheduler;
		this.lock = lock;
		this.meters = meters;
	}

	/**
	 * Runs a requested sync.
	 * @param request the request
	 * @return how it ended
	 * @throws JobFailedException when it should be tried again
	 */
	public JobOutcome run(SyncRequested request) {
		this.lock.lock();
		try {
			return runLocked(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Marks a job failed after its last attempt, if document-service can be reached.
	 * @param request the request
	 * @param progress the counts of the last attempt, or {@code null}
	 * @param error why
	 */
	public void markFailed(SyncRequested request, JobProgress progress, String error) {
		JobProgress counts = (progress != null) ? progress : new JobProgress(0, 0, 0, 0, 0, List.of());
		try {
			// a job that never got as far as starting is started first, so that it can
			// finish
			this.documentService.startJob(request.jobId());
			this.documentService.finish(request.jobId(), JobResult.of(JobResult.FAILED, counts, error));
			count("jobs", "state", JobResult.FAILED);
			logger.error("Sync job {} failed: {}", request.jobId(), error);
		}
		catch (DocumentServiceException.JobAlreadyFinished | DocumentServiceException.NotFound ex) {
			logger.info("Sync job {} had already finished or is gone", request.jobId());
		}
		catch (RuntimeException ex) {
			logger.error("Sync job {} failed ({}) and could not be marked failed: {}", request.jobId(), error,
					ex.getMessage());
		}
	}

	private JobOutcome runLocked(SyncRequested request) {
		UUID jobId = request.jobId();
		long started = System.nanoTime();
		try {
			this.documentService.startJob(jobId);
		}
		catch (DocumentServiceException.JobAlreadyFinished ex) {
			logger.info("Sync job {} has already finished; message dropped", jobId);
			return JobOutcome.ALREADY_FINISHED;
		}
		catch (DocumentServiceException.NotFound ex) {
			logger.warn("Sync job {} does not exist; message dropped", jobId);
			return JobOutcome.GONE;
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		logger.info("Sync job {} of data source {} started", jobId, request.dataSourceId());
		JobCounts counts = new JobCounts(this.properties.maxReportedFailures());
		SourceDetails source;
		try {
			source = this.documentService.source(request.dataSourceId());
		}
		catch (DocumentServiceException.NotFound ex) {
			finish(jobId, counts, JobResult.FAILED, "The data source no longer exists.", started);
			return JobOutcome.GONE;
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), counts.snapshot(), ex);
		}
		if (!SourceTypes.FILESYSTEM.equals(source.type())) {
			return finish(jobId, counts, JobResult.FAILED,
					"The indexing worker cannot read sources of type '" + source.type() + "'.", started);
		}
		Path folder;
		Listing listing;
		try {
			folder = this.files.resolveFolder(source.configText("path"));
			listing = this.files.list(folder);
		}
		catch (AllowedRoots.PathNotAllowedException ex) {
			return finish(jobId, counts, JobResult.FAILED, ex.getMessage(), started);
		}
		catch (IOException ex) {
			return finish(jobId, counts, JobResult.FAILED, "The folder could not be read: " + ex.getMessage(), started);
		}
		try (ProgressReporter progress = new ProgressReporter(this.documentService, jobId, counts,
				this.properties.progressEveryItems(), this.properties.heartbeatInterval(), this.scheduler)) {
			sync(source, listing, counts, progress);
		}
		catch (DocumentServiceException | JobFailedException ex) {
			throw new JobFailedException(ex.getMessage(), counts.snapshot(), ex);
		}
		catch (RuntimeException ex) {
			throw new JobFailedException("Indexing failed: " + ex, counts.snapshot(), ex);
		}
		String state = (counts.failedCount() > 0) ? JobResult.COMPLETED_WITH_ERRORS : JobResult.SUCCEEDED;
		return finish(jobId, counts, state, null, started);
	}

	private void sync(SourceDetails source, Listing listing, JobCounts counts, ProgressReporter progress) {
		String dataSourceId = source.id().toString();
		Map<String, KnownDocument> known = this.documentService.documents(source.id())
			.stream()
			.collect(Collectors.toMap(KnownDocument::id, Function.identity(), (a, b) -> a));
		Set<String> present = new HashSet<>();
		for (RejectedItem rejected : listing.rejected()) {
			present.add(ChunkIds.documentId(dataSourceId, rejected.itemId()));
			counts.seen();
			counts.failed(rejected.itemId(), rejected.reason());
			count("items", "outcome", "failed");
			logger.info("Could not index {}: {}", rejected.itemId(), rejected.reason());
			progress.itemDone();
		}
		for (SourceFile file : listing.files()) {
			String documentId = ChunkIds.documentId(dataSourceId, file.itemId());
			present.add(documentId);
			counts.seen();
			ItemOutcome outcome = this.indexer.index(source, file, known.get(documentId));
			switch (outcome) {
				case ItemOutcome.Indexed indexed -> {
					counts.indexed();
					count("items", "outcome", "indexed");
					logger.debug("Indexed {} ({} chunks)", file.itemId(), indexed.chunks());
				}
				case ItemOutcome.Unchanged unchanged -> {
					counts.skippedUnchanged();
					count("items", "outcome", "skipped_unchanged");
				}
				case ItemOutcome.Failed failed -> {
					counts.failed(file.itemId(), failed.reason());
					count("items", "outcome", "failed");
					logger.info("Could not index {}: {}", file.itemId(), failed.reason());
				}
			}
			progress.itemDone();
		}
		for (KnownDocument document : known.values()) {
			if (present.contains(document.id())
					|| (document.sourceId() != null && listing.isBelowUnlistedFolder(document.sourceId()))) {
				continue;
			}
			this.vectorStore.deleteDocument(document.id());
			this.documentService.deleteDocument(document.id());
			counts.deleted();
			count("items", "outcome", "deleted");
			logger.debug("Removed {}: its file is gone", document.sourceId());
			progress.itemDone();
		}
	}

	private JobOutcome finish(UUID jobId, JobCounts counts, String state, String error, long started) {
		JobProgress snapshot = counts.snapshot();
		try {
			this.documentService.finish(jobId, JobResult.of(state, snapshot, error));
		}
		catch (DocumentServiceException.JobAlreadyFinished ex) {
			logger.warn("Sync job {} was finished by someone else meanwhile", jobId);
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), snapshot, ex);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		Timer.builder("noterag.indexing.jobs")
			.description("Sync jobs run by this worker")
			.tag("state", state)
			.register(this.meters)
			.record(java.time.Duration.ofMillis(millis));
		String summary = "seen=" + snapshot.seen() + " indexed=" + snapshot.indexed() + " skipped_unchanged="
				+ snapshot.skippedUnchanged() + " deleted=" + snapshot.deleted() + " failed=" + snapshot.failed();
		if (error != null) {
			logger.warn("Sync job {} finished {} in {} ms: {} ({})", jobId, state, millis, error, summary);
		}
		else {
			logger.info("Sync job {} finished {} in {} ms: {}", jobId, state, millis, summary);
		}
		return JobOutcome.FINISHED;
	}

	private void count(String name, String tag, String value) {
		Counter.builder("noterag.indexing." + name).tag(tag, value).register(this.meters).increment();
	}

}
