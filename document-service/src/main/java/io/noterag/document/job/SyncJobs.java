package io.noterag.document.job;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.document.job.internal.SyncJobEntity;
import io.noterag.document.persistence.OffsetPage;
import io.noterag.document.job.internal.SyncJobRepository;
import io.noterag.shared.web.ApiException;

/** Creates sync jobs and moves them through their states. */
@Service
public class SyncJobs {

	private static final Logger log = LoggerFactory.getLogger(SyncJobs.class);

	private static final EnumSet<JobState> ACTIVE = EnumSet.of(JobState.QUEUED, JobState.RUNNING);

	private final SyncJobRepository repository;

	private final JdbcClient jdbc;

	private final JobProperties properties;

	private final SyncJobMetrics metrics;

	private final Clock clock;

	SyncJobs(SyncJobRepository repository, JdbcClient jdbc, JobProperties properties, SyncJobMetrics metrics,
			Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Records a queued job, in the caller's transaction.
	 * @param jobId the job's id (already carried by its message)
	 * @param dataSourceId its data source
	 * @param full whether it lists everything at the source
	 * @param outboxId the outbox row of its message
	 * @return the job
	 * @throws ApiException 409 when the source already has a queued or running job
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public JobView createQueued(UUID jobId, UUID dataSourceId, boolean full, UUID outboxId) {
		Optional<SyncJobEntity> active = this.repository.findFirstByDataSourceIdAndStateIn(dataSourceId, ACTIVE);
		if (active.isPresent()) {
			throw alreadyActive(active.get().getId(), active.get().getState());
		}
		try {
			return this.repository.saveAndFlush(SyncJobEntity.queued(jobId, dataSourceId, full, outboxId, now()))
				.toView(now());
		}
		catch (DataIntegrityViolationException ex) {
			// another replica queued one between the check and the insert
			throw ApiException.conflict("A sync of this source is already queued or running.");
		}
	}

	@Transactional(readOnly = true)
	public Optional<JobView> latestOf(UUID dataSourceId) {
		return Optional.ofNullable(latestOf(List.of(dataSourceId)).get(dataSourceId));
	}

	@Transactional(readOnly = true)
	public Map<UUID, JobView> latestOf(Collection<UUID> dataSourceIds) {
		if (dataSourceIds.isEmpty()) {
			return Map.of();
		}
		Instant now = now();
		return this.repository.findLatestOf(dataSourceIds)
			.stream()
			.map((job) -> job.toView(now))
			.collect(Collectors.toMap(JobView::sourceId, Function.identity()));
	}

	@Transactional(readOnly = true)
	public JobPage listOf(UUID dataSourceId, int limit, int offset) {
		Page<SyncJobEntity> page = this.repository.findByDataSourceIdOrderByCreatedAtDesc(dataSourceId,
				new OffsetPage(offset, limit));
		Instant now = now();
		return new JobPage(page.map((job) -> job.toView(now)).getContent(), page.getTotalElements());
	}

	@Transactional(readOnly = true)
	public JobView get(UUID jobId) {
		return this.repository.findById(jobId).map((job) -> job.toView(now())).orElseThrow(() -> notFound(jobId));
	}

	/**
	 * Where the next incremental sync of a source starts.
	 * @param sourceId the source
	 * @return its cursor and the start of the last job that completed, or empty when no
	 * job of it has completed yet
	 */
	@Transactional(readOnly = true)
	public Optional<SyncState> syncState(UUID sourceId) {
		return this.jdbc.sql("SELECT cursor, last_synced_at FROM source_sync_state WHERE data_source_id = :source")
			.param("source", sourceId)
			.query((rs, row) -> new SyncState(rs.getString("cursor"),
					instant(rs.getObject("last_synced_at", OffsetDateTime.class))))
			.optional();
	}

	/**
	 * A worker starts the job. Starting a running job again (a redelivered message)
	 * answers the job as it is.
	 * @param jobId the job
	 * @return the running job
	 * @throws ApiException 404 when there is no such job, 409 when it has finished
	 */
	@Transactional
	public JobView start(UUID jobId) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		if (job.getState().isFinished()) {
			throw finished(job);
		}
		Instant now = now();
		if (job.getState() == JobState.QUEUED) {
			job.start(now);
			log.info("Sync job {} of source {} started", jobId, job.getDataSourceId());
		}
		else {
			job.heartbeat(now);
		}
		return job.toView(now);
	}

	/**
	 * A worker reports progress on a running job; this is also its heartbeat.
	 * @param jobId the job
	 * @param report the totals so far
	 * @return the job
	 * @throws ApiException 404 when there is no such job, 409 when it is not running
	 */
	@Transactional
	public JobView progress(UUID jobId, JobReport report) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		if (job.getState().isFinished()) {
			throw finished(job);
		}
		if (job.getState() != JobState.RUNNING) {
			throw ApiException.conflict("Sync job " + jobId + " has not been started.");
		}
		apply(job, report);
		Instant now = now();
		job.heartbeat(now);
		return job.toView(now);
	}

	/**
	 * A worker is still busy with a running job (listing a large source, publishing its
	 * items): the job's heartbeat moves on, its counts do not change, so that the reaper
	 * leaves it running.
	 * @param jobId the job
	 * @throws ApiException 404 when there is no such job, 409 when it has finished or has
	 * not been started
	 */
	@Transactional
	public void heartbeat(UUID jobId) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		if (job.getState().isFinished()) {
			throw finished(job);
		}
		if (job.getState() != JobState.RUNNING) {
			throw ApiException.conflict("Sync job " + jobId + " has not been started.");
		}
		job.heartbeat(now());
	}

	/**
	 * The items of a source whose most recent report was {@code failed}: not reported
	 * indexed, unchanged or deleted by any job since. An incremental listing returns only
	 * changed items, so the worker adds these to an incremental sync to try them again.
	 * The least recently tried come first.
	 * @param sourceId the source
	 * @param limit at most this many
	 * @return the failed items
	 * @throws ApiException 404 when there is no such source
	 */
	@Transactional(readOnly = true)
	public List<FailedItem> failedItems(UUID sourceId, int limit) {
		boolean exists = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM data_sources WHERE id = :source)")
			.param("source", sourceId)
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw ApiException.notFound("There is no data source " + sourceId + ".");
		}
		return this.jdbc.sql("""
				SELECT item_id, reason, job_id, failed_at, failures FROM source_failed_items
				WHERE data_source_id = :source
				ORDER BY failed_at, item_id
				LIMIT :limit
				""")
			.param("source", sourceId)
			.param("limit", limit)
			.query((rs, row) -> new FailedItem(rs.getString("item_id"), rs.getString("reason"),
					rs.getObject("job_id", UUID.class), instant(rs.getObject("failed_at", OffsetDateTime.class)),
					rs.getInt("failures")))
			.list();
	}

	/**
	 * A worker finishes a queued or running job.
	 * @param jobId the job
	 * @param report the final state and totals
	 * @return the finished job
	 * @throws ApiException 400 when the state is not a final one, 404 when there is no
	 * such job, 409 when it has already finished
	 */
	@Transactional
	public JobView finish(UUID jobId, JobReport report) {
		if (report.state() == null || !report.state().isFinished()) {
			throw ApiException
				.badRequest("'state' must be one of succeeded, completed_with_errors, failed to finish a job.");
		}
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		if (job.getState().isFinished()) {
			throw finished(job);
		}
		apply(job, report);
		Instant now = now();
		finish(job, report.state(), report.error(), now);
		return job.toView(now);
	}

	/**
	 * A worker has listed the source's changes and published one message per item. A
	 * queued job is started by its plan. A plan of no item at all completes the job at
	 * once, and so does a plan whose items have all been reported already.
	 * @param jobId the job
	 * @param plan how many items, which were rejected, the cursor to keep
	 * @return the job
	 * @throws ApiException 404 when there is no such job, 409 when it has finished
	 */
	@Transactional
	public JobView plan(UUID jobId, JobPlan plan) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		if (job.getState().isFinished()) {
			throw finished(job);
		}
		Instant now = now();
		if (job.getState() == JobState.QUEUED) {
			job.start(now);
		}
		Map<String, Failure> rejected = new LinkedHashMap<>();
		for (JobPlan.Rejected item : (plan.rejected() != null) ? plan.rejected() : List.<JobPlan.Rejected>of()) {
			rejected.putIfAbsent(item.itemId(),
					new Failure(item.itemId(), (item.reason() != null) ? item.reason() : "Rejected by the source."));
		}
		boolean firstPlan = !job.isPlanned();
		job.plan(plan.total(), rejected.size(),
				rejected.values().stream().limit(this.properties.maxFailures()).toList(), plan.cursor(), now);
		if (firstPlan) {
			this.metrics.itemsProcessed(job.getDataSourceId(), "rejected", rejected.size());
		}
		log.info("Sync job {} of source {} planned: {} items, {} rejected", jobId, job.getDataSourceId(), plan.total(),
				rejected.size());
		completeIfAllReported(job, now);
		return job.toView(now);
	}

	/**
	 * A worker is done with one item of a running job; this is also its heartbeat. The
	 * first report of an item counts, a repeated one changes nothing. The report of the
	 * last planned item completes the job in the same transaction. Reports of one job are
	 * serialized by the lock on its row, so the job completes exactly once however many
	 * workers report at the same time.
	 * @param jobId the job
	 * @param report the item and its outcome
	 * @return the job
	 * @throws ApiException 404 when there is no such job, 409 when it has not been
	 * started, or has finished without this item having been reported
	 */
	@Transactional
	public JobView reportItem(UUID jobId, ItemReport report) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElseThrow(() -> notFound(jobId));
		Instant now = now();
		if (job.getState().isFinished()) {
			if (isReported(jobId, report.itemId())) {
				return job.toView(now);
			}
			throw finished(job);
		}
		if (job.getState() != JobState.RUNNING) {
			throw ApiException.conflict("Sync job " + jobId + " has not been started.");
		}
		count(job, report, now);
		return job.toView(now);
	}

	/**
	 * Counts an item of a job inside the caller's transaction, as
	 * {@link #reportItem(UUID, ItemReport)} does, for a write that stands whether or not
	 * the job still counts items (the worker records an indexed document and its item in
	 * one call): a job that is gone, not started or finished is left as it is.
	 * @param jobId the job
	 * @param report the item and its outcome
	 * @return whether the item is counted by the job, now or by an earlier report
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean countItemIfRunning(UUID jobId, ItemReport report) {
		SyncJobEntity job = this.repository.findForUpdate(jobId).orElse(null);
		if (job == null) {
			return false;
		}
		if (job.getState().isFinished()) {
			return isReported(jobId, report.itemId());
		}
		if (job.getState() != JobState.RUNNING) {
			return false;
		}
		count(job, report, now());
		return true;
	}

	private void count(SyncJobEntity job, ItemReport report, Instant now) {
		int inserted = this.jdbc.sql("""
				INSERT INTO sync_job_items (job_id, item_id, outcome, reason, reported_at)
				VALUES (:job, :item, :outcome, :reason, :now)
				ON CONFLICT (job_id, item_id) DO NOTHING
				""")
			.param("job", job.getId())
			.param("item", report.itemId())
			.param("outcome", report.outcome().value())
			.param("reason", report.reason())
			.param("now", utc(now))
			.update();
		if (inserted == 1) {
			Failure failure = (report.outcome() == ItemOutcome.FAILED) ? new Failure(report.itemId(),
					(report.reason() != null) ? report.reason() : "Failed without a reason.") : null;
			job.itemReported(report.outcome(), failure, this.properties.maxFailures());
			recordLastOutcome(job, report, now);
			this.metrics.itemsProcessed(job.getDataSourceId(), report.outcome().value(), 1);
		}
		job.heartbeat(now);
		completeIfAllReported(job, now);
	}

	/**
	 * Keeps {@code source_failed_items} equal to the items whose most recent report is a
	 * failure. Reports of a source's items come from its one running job, under that
	 * job's row lock, so they are applied in order.
	 */
	private void recordLastOutcome(SyncJobEntity job, ItemReport report, Instant now) {
		if (report.outcome() == ItemOutcome.FAILED) {
			this.jdbc.sql("""
					INSERT INTO source_failed_items (data_source_id, item_id, job_id, reason, failed_at, failures)
					VALUES (:source, :item, :job, :reason, :now, 1)
					ON CONFLICT (data_source_id, item_id) DO UPDATE
					SET job_id = EXCLUDED.job_id, reason = EXCLUDED.reason, failed_at = EXCLUDED.failed_at,
					    failures = source_failed_items.failures + 1
					""")
				.param("source", job.getDataSourceId())
				.param("item", report.itemId())
				.param("job", job.getId())
				.param("reason", report.reason())
				.param("now", utc(now))
				.update();
		}
		else {
			this.jdbc.sql("DELETE FROM source_failed_items WHERE data_source_id = :source AND item_id = :item")
				.param("source", job.getDataSourceId())
				.param("item", report.itemId())
				.update();
		}
	}

	private void completeIfAllReported(SyncJobEntity job, Instant now) {
		if (job.allItemsReported()) {
			finish(job, job.hasItemErrors() ? JobState.COMPLETED_WITH_ERRORS : JobState.SUCCEEDED, null, now);
		}
	}

	private void finish(SyncJobEntity job, JobState state, String error, Instant now) {
		job.finish(state, error, now);
		if (state == JobState.SUCCEEDED || state == JobState.COMPLETED_WITH_ERRORS) {
			recordSyncState(job, now);
		}
		this.metrics.jobFinished(job.getDataSourceId(), state, job.getStartedAt(), job.getFinishedAt());
		log.info("Sync job {} of source {} finished: {}", job.getId(), job.getDataSourceId(), state.value());
	}

	private void recordSyncState(SyncJobEntity job, Instant now) {
		this.jdbc.sql("""
				INSERT INTO source_sync_state (data_source_id, cursor, last_synced_at, job_id, updated_at)
				VALUES (:source, :cursor, :startedAt, :job, :now)
				ON CONFLICT (data_source_id) DO UPDATE
				SET cursor = COALESCE(EXCLUDED.cursor, source_sync_state.cursor),
				    last_synced_at = EXCLUDED.last_synced_at, job_id = EXCLUDED.job_id,
				    updated_at = EXCLUDED.updated_at
				""")
			.param("source", job.getDataSourceId())
			.param("cursor", job.getPendingCursor())
			.param("startedAt", utc(job.getStartedAt()))
			.param("job", job.getId())
			.param("now", utc(now))
			.update();
	}

	private boolean isReported(UUID jobId, String itemId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM sync_job_items WHERE job_id = :job AND item_id = :item)")
			.param("job", jobId)
			.param("item", itemId)
			.query(Boolean.class)
			.single();
	}

	private void apply(SyncJobEntity job, JobReport report) {
		job.counts(report.seen(), report.indexed(), report.skippedUnchanged(), report.deleted(), report.failed());
		if (report.failures() != null) {
			List<Failure> failures = report.failures();
			job.failures((failures.size() > this.properties.maxFailures())
					? failures.subList(0, this.properties.maxFailures()) : failures);
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static ApiException notFound(UUID jobId) {
		return ApiException.notFound("There is no sync job " + jobId + ".");
	}

	private static ApiException finished(SyncJobEntity job) {
		return ApiException
			.conflict("Sync job " + job.getId() + " has already finished (" + job.getState().value() + ").");
	}

	private static ApiException alreadyActive(UUID jobId, JobState state) {
		return ApiException.conflict(
				"A sync of this source is already " + state.value() + " (job " + jobId + "); wait for it to end.");
	}

}
