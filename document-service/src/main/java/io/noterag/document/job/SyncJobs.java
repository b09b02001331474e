package io.noterag.document.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
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
import org.springframework.data.domain.PageRequest;
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

	private final JobProperties properties;

	private final Clock clock;

	public SyncJobs(SyncJobRepository repository, JobProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records a queued job, in the caller's transaction.
	 * @param jobId the job's id (already carried by its message)
	 * @param dataSourceId its data source
	 * @param outboxId the outbox row of its message
	 * @return the job
	 * @throws ApiException 409 when the source already has a queued or running job
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public JobView createQueued(UUID jobId, UUID dataSourceId, UUID outboxId) {
		Optional<SyncJobEntity> active = this.repository.findFirstByDataSourceIdAndStateIn(dataSourceId, ACTIVE);
		if (active.isPresent()) {
			throw alreadyActive(active.get().getId(), active.get().getState());
		}
		try {
			return this.repository.saveAndFlush(SyncJobEntity.queued(jobId, dataSourceId, outboxId, now())).toView();
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
		return this.repository.findLatestOf(dataSourceIds)
			.stream()
			.map(SyncJobEntity::toView)
			.collect(Collectors.toMap(JobView::sourceId, Function.identity()));
	}

	@Transactional(readOnly = true)
	public JobPage listOf(UUID dataSourceId, int limit, int offset) {
		Page<SyncJobEntity> page = this.repository.findByDataSourceIdOrderByCreatedAtDesc(dataSourceId,
				new OffsetPage(offset, limit));
		return new JobPage(page.map(SyncJobEntity::toView).getContent(), page.getTotalElements());
	}

	@Transactional(readOnly = true)
	public JobView get(UUID jobId) {
		return this.repository.findById(jobId).map(SyncJobEntity::toView).orElseThrow(() -> notFound(jobId));
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
		return job.toView();
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
		job.heartbeat(now());
		return job.toView();
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
		job.finish(report.state(), report.error(), now());
		log.info("Sync job {} of source {} finished: {}", jobId, job.getDataSourceId(), report.state().value());
		return job.toView();
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
