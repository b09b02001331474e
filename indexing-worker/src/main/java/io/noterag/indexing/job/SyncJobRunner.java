package io.noterag.indexing.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.FailedItem;
import io.noterag.indexing.catalog.JobPlan;
import io.noterag.indexing.catalog.JobProgress;
import io.noterag.indexing.catalog.JobResult;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * Plans one sync job: starts it in document-service, lists the source through its plugin
 * (incrementally when the request allows it and the plugin can), works out the deletions
 * (reported by the plugin, or, for a complete listing, every known document no longer
 * listed), records the plan (how many item messages, the rejected items, the next
 * cursor), then publishes one {@link ItemIndexRequested} per item and per deletion. The
 * items are indexed one message at a time by {@link ItemProcessor}; document-service
 * finishes the job once every item is reported.
 * <p>
 * While the source is listed and the items published, a count-free heartbeat is sent to
 * document-service every {@code noterag.indexing.job.heartbeat-interval} (30 seconds by
 * default), so that a listing that lasts minutes is not reaped; it stops in a
 * {@code finally} block, whatever the outcome. An incremental listing returns only the
 * items that changed, so an incremental sync (not a full one, and only when the listing
 * is not complete) also tries again the items whose last attempt failed, as
 * document-service lists them: at most {@code noterag.indexing.job.retry-failed-items},
 * by id alone, none that the listing already planned, deleted or rejected, so each is
 * published and counted once.
 * <p>
 * Running it again after a crash lists and publishes again: harmless, since the plan is
 * replaced, an item is counted once per job and indexing is idempotent. A problem that
 * cannot pass (unknown source type, wrong configuration, refused credentials) finishes
 * the job as failed; one that may pass (document-service or the source unreachable)
 * throws {@link JobFailedException} so that the request is tried again.
 */
public class SyncJobRunner {

	private static final Logger logger = LoggerFactory.getLogger(SyncJobRunner.class);

	private final DocumentServiceClient documentService;

	private final DataSourcePlugins plugins;

	private final ItemPublisher publisher;

	private final MeterRegistry meters;

	private final JobHeartbeats heartbeats;

	private final int retryFailedItems;

	/**
	 * @param heartbeats sends a job's heartbeat while it is listed and its items
	 * published
	 * @param retryFailedItems at most this many items whose last attempt failed are added
	 * to an incremental sync (0: none)
	 */
	SyncJobRunner(DocumentServiceClient documentService, DataSourcePlugins plugins, ItemPublisher publisher,
			MeterRegistry meters, JobHeartbeats heartbeats, int retryFailedItems) {
		this.documentService = documentService;
		this.plugins = plugins;
		this.publisher = publisher;
		this.meters = meters;
		this.heartbeats = heartbeats;
		this.retryFailedItems = retryFailedItems;
	}

	/**
	 * Plans a requested sync and publishes its items.
	 * @param request the request
	 * @return how it ended
	 * @throws JobFailedException when it should be tried again
	 * @throws SourceThrottledException when the source asks to wait before it is listed
	 */
	public JobOutcome run(SyncRequested request) {
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
		// the job is running: until its plan is recorded and its items published, only
		// the heartbeat tells document-service that this worker is alive
		JobHeartbeat heartbeat = this.heartbeats.start(jobId);
		try {
			return runStarted(request, started);
		}
		finally {
			heartbeat.close();
		}
	}

	private JobOutcome runStarted(SyncRequested request, long started) {
		UUID jobId = request.jobId();
		SourceDetails source;
		try {
			source = this.documentService.source(request.dataSourceId());
		}
		catch (DocumentServiceException.NotFound ex) {
			fail(jobId, "The data source no longer exists.");
			return JobOutcome.GONE;
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		DataSourcePlugin<?> plugin = this.plugins.find(source.type()).orElse(null);
		if (plugin == null) {
			return fail(jobId, "The indexing worker cannot read sources of type '" + source.type() + "'.");
		}
		logger.info("Sync job {} of data source {} ({}, {}) started", jobId, source.id(), source.type(),
				request.full() ? "full" : "incremental");
		JobOutcome outcome = plan(request, source, plugin);
		Timer.builder("noterag.indexing.listings")
			.description("Listings of sources by sync jobs, until their items are published")
			.tag("type", source.type())
			.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.meters)
			.record(Duration.ofNanos(System.nanoTime() - started));
		return outcome;
	}

	private <C> JobOutcome plan(SyncRequested request, SourceDetails source, DataSourcePlugin<C> plugin) {
		UUID jobId = request.jobId();
		boolean incremental = !request.full() && plugin.capabilities().contains(PluginCapability.INCREMENTAL_SYNC);
		ChangeSet changes;
		try {
			PluginSource<C> context = PluginSource.of(plugin, source, !request.full(), this.documentService);
			Instant modifiedSince = incremental ? source.lastSyncedAt() : null;
			changes = plugin.fetchDocuments(context, FetchFilters.NONE, modifiedSince);
		}
		catch (InvalidSourceConfigException ex) {
			return fail(jobId, "Invalid configuration (" + ex.field() + "): " + ex.getMessage());
		}
		catch (ReconnectRequiredException ex) {
			status(source, "needs_reconnect", ex.getMessage());
			return fail(jobId, "The source needs to be connected again: " + ex.getMessage());
		}
		catch (SourceAuthenticationException ex) {
			status(source, "error", ex.getMessage());
			return fail(jobId, "The source refused the credentials: " + ex.getMessage());
		}
		catch (SourceThrottledException ex) {
			throw ex;
		}
		catch (SourceUnavailableException ex) {
			throw new JobFailedException("The source could not be listed: " + ex.getMessage(), null, ex);
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		List<String> deletions;
		// a complete listing is compared with every recorded document: the items without
		// one are new, and their messages say so
		Set<String> recorded = null;
		try {
			List<KnownDocument> known = changes.complete() ? this.documentService.documents(source.id()) : List.of();
			if (changes.complete()) {
				recorded = new java.util.HashSet<>();
				for (KnownDocument document : known) {
					recorded.add(document.sourceId());
				}
			}
			deletions = deletions(changes, known);
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		Instant now = Instant.now();
		List<ItemIndexRequested> messages = new ArrayList<>(changes.items().size() + deletions.size());
		Set<String> planned = new LinkedHashSet<>();
		for (ItemRef item : changes.items()) {
			if (planned.add(item.itemId())) {
				Boolean wasRecorded = (recorded != null) ? recorded.contains(item.itemId()) : null;
				messages.add(new ItemIndexRequested(jobId, source.id(), source.type(), item, false, now, wasRecorded));
			}
		}
		for (String itemId : deletions) {
			if (planned.add(itemId)) {
				messages.add(new ItemIndexRequested(jobId, source.id(), source.type(),
						new ItemRef(itemId, null, null, null, null), true, now));
			}
		}
		List<RejectedItem> rejected = changes.rejected()
			.stream()
			.filter((item) -> !planned.contains(item.itemId()))
			.toList();
		int retried = 0;
		if (!request.full() && !changes.complete()) {
			Set<String> skip = new java.util.HashSet<>(planned);
			rejected.forEach((item) -> skip.add(item.itemId()));
			for (ItemRef item : failedBefore(source, skip)) {
				if (planned.add(item.itemId())) {
					messages.add(new ItemIndexRequested(jobId, source.id(), source.type(), item, false, now));
					retried++;
				}
			}
		}
		try {
			this.documentService.plan(jobId, JobPlan.of(messages.size(), rejected, changes.nextCursor()));
		}
		catch (DocumentServiceException.JobAlreadyFinished ex) {
			logger.info("Sync job {} finished meanwhile; its items are not published again", jobId);
			return JobOutcome.ALREADY_FINISHED;
		}
		catch (DocumentServiceException.NotFound ex) {
			return JobOutcome.GONE;
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		try {
			this.publisher.publish(messages);
		}
		catch (RuntimeException ex) {
			throw new JobFailedException("The items could not be published: " + ex.getMessage(), null, ex);
		}
		if (source.status() != null && !"ok".equals(source.status())) {
			status(source, "ok", null);
		}
		Counter.builder("noterag.indexing.planned.items")
			.description("Item messages published by sync jobs")
			.register(this.meters)
			.increment(messages.size());
		if (retried > 0) {
			Counter.builder("noterag.indexing.retried.items")
				.description("Items whose last attempt had failed, added to incremental syncs")
				.register(this.meters)
				.increment(retried);
		}
		logger.info("Sync job {} planned: {} to index ({} that failed before), {} to delete, {} rejected{}", jobId,
				messages.size() - deletions.size(), retried, deletions.size(), rejected.size(),
				changes.complete() ? " (complete listing)" : "");
		return JobOutcome.PLANNED;
	}

	/**
	 * The items whose last attempt failed, to be tried again by this incremental sync: an
	 * incremental listing returns only the items that changed, so an item that failed and
	 * has not changed since would otherwise stay missing until a full sync. Only its id
	 * is known; each plugin reads an item from its id alone. Best effort: when
	 * document-service cannot tell, this sync goes on without them and the next one tries
	 * again.
	 * @param source the source
	 * @param skip the ids already planned or rejected by this sync
	 * @return the items to add, at most {@code retry-failed-items}
	 */
	private List<ItemRef> failedBefore(SourceDetails source, Set<String> skip) {
		if (this.retryFailedItems <= 0) {
			return List.of();
		}
		try {
			return this.documentService.failedItems(source.id(), this.retryFailedItems)
				.stream()
				.map(FailedItem::itemId)
				.filter((itemId) -> itemId != null && !itemId.isBlank() && !skip.contains(itemId))
				.distinct()
				.map((itemId) -> new ItemRef(itemId, null, null, null, null))
				.toList();
		}
		catch (DocumentServiceException ex) {
			logger.warn("Could not read the failed items of source {}; they are tried again by a later sync: {}",
					source.id(), ex.getMessage());
			return List.of();
		}
	}

	/**
	 * The items whose documents are to be removed: those the plugin reports deleted and,
	 * when the listing is complete, every known document neither listed nor rejected,
	 * except below a rejected item (a folder that could not be listed says nothing about
	 * what it holds).
	 */
	private List<String> deletions(ChangeSet changes, List<KnownDocument> known) {
		Set<String> present = new java.util.HashSet<>();
		changes.items().forEach((item) -> present.add(item.itemId()));
		changes.rejected().forEach((item) -> present.add(item.itemId()));
		Set<String> deletions = new LinkedHashSet<>();
		for (String itemId : changes.deletedItemIds()) {
			if (!present.contains(itemId)) {
				deletions.add(itemId);
			}
		}
		if (changes.complete()) {
			for (KnownDocument document : known) {
				String itemId = document.sourceId();
				if (itemId == null || itemId.isBlank() || present.contains(itemId)
						|| belowRejected(itemId, changes.rejected())) {
					continue;
				}
				deletions.add(itemId);
			}
		}
		return new ArrayList<>(deletions);
	}

	private static boolean belowRejected(String itemId, List<RejectedItem> rejected) {
		return rejected.stream().anyMatch((item) -> itemId.startsWith(item.itemId() + "/"));
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
			count(JobResult.FAILED);
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

	private JobOutcome fail(UUID jobId, String error) {
		try {
			this.documentService.finish(jobId,
					JobResult.of(JobResult.FAILED, new JobProgress(0, 0, 0, 0, 0, List.of()), error));
		}
		catch (DocumentServiceException.JobAlreadyFinished | DocumentServiceException.NotFound ex) {
			logger.warn("Sync job {} was finished by someone else meanwhile", jobId);
			return JobOutcome.ALREADY_FINISHED;
		}
		catch (DocumentServiceException ex) {
			throw new JobFailedException(ex.getMessage(), null, ex);
		}
		count(JobResult.FAILED);
		logger.warn("Sync job {} failed: {}", jobId, error);
		return JobOutcome.FAILED;
	}

	private void status(SourceDetails source, String status, String error) {
		try {
			this.documentService.updateStatus(source.id(), status, error);
		}
		catch (DocumentServiceException ex) {
			logger.warn("Could not record the status '{}' of source {}: {}", status, source.id(), ex.getMessage());
		}
	}

	private void count(String state) {
		Counter.builder("noterag.indexing.jobs.failed")
			.description("Sync jobs this worker finished as failed")
			.tag("state", state)
			.register(this.meters)
			.increment();
	}

}
