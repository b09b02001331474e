package io.noterag.document.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.shared.web.ApiException;

/**
 * Sources that asked the workers to wait, kept on their queued or running job
 * ({@code throttled_until}), so that every worker replica holds the source's items back
 * for as long as one of them was told to, and the reaper does not fail a job whose items
 * are merely waiting. A wait ends with the job: the next sync learns afresh from the
 * source.
 */
@Service
public class SourceThrottles {

	private static final Logger log = LoggerFactory.getLogger(SourceThrottles.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	SourceThrottles(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records that a source asked to wait, keeping a longer wait already recorded.
	 * @param sourceId the source
	 * @param wait how long it asked to wait
	 * @return the source's wait as now recorded
	 * @throws ApiException 404 when there is no such source
	 */
	@Transactional
	public SourceThrottle record(UUID sourceId, Duration wait) {
		Instant now = now();
		Instant until = now.plus(wait).truncatedTo(ChronoUnit.MICROS);
		Optional<Instant> recorded = this.jdbc.sql("""
				UPDATE sync_jobs
				SET throttled_until = GREATEST(throttled_until, :until), updated_at = :now
				WHERE data_source_id = :source AND state IN ('queued', 'running')
				RETURNING throttled_until
				""")
			.param("source", sourceId)
			.param("until", utc(until))
			.param("now", utc(now))
			.query((rs, row) -> rs.getObject("throttled_until", OffsetDateTime.class).toInstant())
			.optional();
		if (recorded.isEmpty()) {
			boolean exists = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM data_sources WHERE id = :source)")
				.param("source", sourceId)
				.query(Boolean.class)
				.single();
			if (!exists) {
				throw ApiException.notFound("There is no data source " + sourceId + ".");
			}
			return new SourceThrottle(sourceId, null, 0);
		}
		log.info("Data source {} is throttling; its items wait until {}", sourceId, recorded.get());
		return throttle(sourceId, recorded.get(), now);
	}

	/**
	 * The sources whose wait is still in force.
	 * @return one entry per source
	 */
	@Transactional(readOnly = true)
	public List<SourceThrottle> current() {
		Instant now = now();
		return this.jdbc.sql("""
				SELECT data_source_id, throttled_until FROM sync_jobs
				WHERE state IN ('queued', 'running') AND throttled_until > :now
				ORDER BY data_source_id
				""")
			.param("now", utc(now))
			.query((rs, row) -> throttle(rs.getObject("data_source_id", UUID.class),
					rs.getObject("throttled_until", OffsetDateTime.class).toInstant(), now))
			.list();
	}

	private static SourceThrottle throttle(UUID sourceId, Instant until, Instant now) {
		return new SourceThrottle(sourceId, until, Math.max(0, Duration.between(now, until).toMillis()));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
