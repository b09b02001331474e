package io.noterag.document.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fails jobs whose worker went silent, so that no job stays queued or running for ever:
 * <ul>
 * <li>a running job not planned yet (the worker is still listing the source, sending a
 * heartbeat every {@code noterag.indexing.job.heartbeat-interval}) without a heartbeat
 * for {@code heartbeat-timeout};</li>
 * <li>a planned job (its items are in the queues) without any item report, plan or
 * heartbeat for {@code item-timeout}. Items that fail wait in retry queues (1, 2 then 4
 * minutes by default) and are reported only after their last attempt, so this timeout
 * must exceed the sum of the retry delays plus one attempt: a job is never reaped while
 * an item may still be pending in a retry queue;</li>
 * <li>a queued job whose message was published more than {@code queued-timeout} ago
 * without any worker starting it.</li>
 * </ul>
 * While the job's source has asked the workers to wait ({@code throttled_until}, see
 * {@link SourceThrottles}) its items are set aside rather than reported, so the end of
 * that wait counts as the job's last sign of life: a throttled job gets the whole timeout
 * again once the wait is over, and is failed only if it stays silent after it. Each is
 * one conditional UPDATE, so replicas reaping at the same time fail a job once, and a
 * worker's report holding the row lock wins over the reaper (the condition is checked
 * again on the row the report committed).
 */
@Component
public class JobReaper {

	private static final Logger log = LoggerFactory.getLogger(JobReaper.class);

	private final JdbcClient jdbc;

	private final JobProperties properties;

	private final SyncJobMetrics metrics;

	private final Clock clock;

	JobReaper(JdbcClient jdbc, JobProperties properties, SyncJobMetrics metrics, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${noterag.jobs.reaper.interval:1m}",
			initialDelayString = "${noterag.jobs.reaper.interval:1m}")
	void reapOnSchedule() {
		try {
			reap();
		}
		catch (RuntimeException ex) {
			log.warn("Could not reap stale sync jobs; will try again", ex);
		}
	}

	/**
	 * Fails the stale jobs now.
	 * @return the ids of the jobs this call failed
	 */
	@Transactional
	public List<UUID> reap() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		JobProperties.Reaper reaper = this.properties.reaper();
		List<Reaped> silent = this.jdbc
			.sql("""
					UPDATE sync_jobs
					SET state = 'failed', finished_at = :now, updated_at = :now,
					    error = CASE WHEN planned IS NULL THEN :listingError
					                 ELSE :itemError || ' (' || reported || ' of ' || planned || ' items reported).'
					            END
					WHERE state = 'running'
					  AND ((planned IS NULL
					        AND GREATEST(COALESCE(heartbeat_at, started_at, created_at), throttled_until) < :heartbeatThreshold)
					    OR (planned IS NOT NULL
					        AND GREATEST(COALESCE(heartbeat_at, started_at, created_at), throttled_until) < :itemThreshold))
					RETURNING id, data_source_id, started_at, finished_at
					""")
			.param("listingError",
					"The indexing worker stopped reporting progress: no heartbeat for " + reaper.heartbeatTimeout()
							+ ". Request a new sync.")
			.param("itemError",
					"The indexing worker reported no item for " + reaper.itemTimeout() + ". Request a new sync")
			.param("now", utc(now))
			.param("heartbeatThreshold", utc(now.minus(reaper.heartbeatTimeout())))
			.param("itemThreshold", utc(now.minus(reaper.itemTimeout())))
			.query(JobReaper::reaped)
			.list();
		List<Reaped> neverStarted = this.jdbc.sql("""
				UPDATE sync_jobs j
				SET state = 'failed', error = :error, finished_at = :now, updated_at = :now
				WHERE j.state = 'queued'
				  AND EXISTS (SELECT 1 FROM outbox o
				              WHERE o.id = j.outbox_id AND o.published_at IS NOT NULL AND o.published_at < :threshold)
				RETURNING j.id, j.data_source_id, j.started_at, j.finished_at
				""")
			.param("error", "No indexing worker started this job within " + reaper.queuedTimeout()
					+ " of its request being published. Check that indexing-worker runs, then request a new sync.")
			.param("now", utc(now))
			.param("threshold", utc(now.minus(reaper.queuedTimeout())))
			.query(JobReaper::reaped)
			.list();
		List<UUID> silentIds = silent.stream().map(Reaped::id).toList();
		List<UUID> neverStartedIds = neverStarted.stream().map(Reaped::id).toList();
		if (!silent.isEmpty() || !neverStarted.isEmpty()) {
			log.warn("Failed stale sync jobs: without heartbeat {}, never started {}", silentIds, neverStartedIds);
		}
		for (Reaped job : silent) {
			this.metrics.jobFinished(job.sourceId(), JobState.FAILED, job.startedAt(), job.finishedAt());
		}
		return Stream.concat(silentIds.stream(), neverStartedIds.stream()).toList();
	}

	private static Reaped reaped(ResultSet rs, int row) throws SQLException {
		return new Reaped(rs.getObject("id", UUID.class), rs.getObject("data_source_id", UUID.class),
				instant(rs.getObject("started_at", OffsetDateTime.class)),
				instant(rs.getObject("finished_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Reaped(UUID id, UUID sourceId, Instant startedAt, Instant finishedAt) {
	}

}
