package io.noterag.document.job;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fails jobs whose worker went silent, so that no job stays queued or running for ever: a
 * running job without a heartbeat for {@code heartbeat-timeout}, and a queued job whose
 * message was published more than {@code queued-timeout} ago without any worker starting
 * it. Each is one conditional UPDATE, so replicas reaping at the same time fail a job
 * once, and a worker's heartbeat holding the row lock wins over the reaper.
 */
@Component
public class JobReaper {

	private static final Logger log = LoggerFactory.getLogger(JobReaper.class);

	private final JdbcClient jdbc;

	private final JobProperties properties;

	private final Clock clock;

	JobReaper(JdbcClient jdbc, JobProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
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
		List<UUID> silent = this.jdbc.sql("""
				UPDATE sync_jobs
				SET state = 'failed', error = :error, finished_at = :now, updated_at = :now
				WHERE state = 'running' AND COALESCE(heartbeat_at, started_at, created_at) < :threshold
				RETURNING id
				""")
			.param("error",
					"The indexing worker stopped reporting progress: no heartbeat for " + reaper.heartbeatTimeout()
							+ ". Request a new sync.")
			.param("now", utc(now))
			.param("threshold", utc(now.minus(reaper.heartbeatTimeout())))
			.query(UUID.class)
			.list();
		List<UUID> neverStarted = this.jdbc.sql("""
				UPDATE sync_jobs j
				SET state = 'failed', error = :error, finished_at = :now, updated_at = :now
				WHERE j.state = 'queued'
				  AND EXISTS (SELECT 1 FROM outbox o
				              WHERE o.id = j.outbox_id AND o.published_at IS NOT NULL AND o.published_at < :threshold)
				RETURNING j.id
				""")
			.param("error", "No indexing worker started this job within " + reaper.queuedTimeout()
					+ " of its request being published. Check that indexing-worker runs, then request a new sync.")
			.param("now", utc(now))
			.param("threshold", utc(now.minus(reaper.queuedTimeout())))
			.query(UUID.class)
			.list();
		if (!silent.isEmpty() || !neverStarted.isEmpty()) {
			log.warn("Failed stale sync jobs: without heartbeat {}, never started {}", silent, neverStarted);
		}
		return java.util.stream.Stream.concat(silent.stream(), neverStarted.stream()).toList();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
