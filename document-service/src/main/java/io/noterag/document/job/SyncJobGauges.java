package io.noterag.document.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.noterag.document.job.internal.JobProgress;

/**
 * Gauges of the cluster's queued and running sync jobs, read from the database by one
 * scheduled refresh every {@code noterag.jobs.metrics.refresh-interval} (5 seconds), so
 * that every replica reports the same figures and a scrape costs no query:
 * <ul>
 * <li>{@code noterag.sync.jobs.active} by {@code state} (queued, running);</li>
 * <li>for each running job, tagged by its data source ({@code source_id}, {@code type})
 * and {@code kind} ({@code full} or {@code incremental}):
 * {@code noterag.sync.job.percent} (0 to 100), {@code noterag.sync.job.items.per.second},
 * {@code noterag.sync.job.eta} (seconds), {@code noterag.sync.job.items.seen},
 * {@code noterag.sync.job.items.expected} (the job's total),
 * {@code noterag.sync.job.items.processed}, {@code noterag.sync.job.items.failed}
 * (rejected ones included) and {@code noterag.sync.job.throttled} (seconds its source
 * still asks to wait, 0 when none).</li>
 * </ul>
 * The figures are those of the jobs API, as of the refresh; NaN where the API shows null
 * (no total before the plan, no estimate without a rate). A source has at most one
 * running job, so the tags are bounded by the configured sources and never name a user. A
 * job's gauges are removed at the first refresh after it has ended.
 */
@Component
class SyncJobGauges {

	private static final Logger log = LoggerFactory.getLogger(SyncJobGauges.class);

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<UUID, RunningJob> running = new HashMap<>();

	private volatile double queuedCount = Double.NaN;

	private volatile double runningCount = Double.NaN;

	SyncJobGauges(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
		this.registry = registry;
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("noterag.sync.jobs.active", this, (gauges) -> gauges.queuedCount)
			.description("Sync jobs queued or running in the cluster")
			.tag("state", JobState.QUEUED.value())
			.register(registry);
		Gauge.builder("noterag.sync.jobs.active", this, (gauges) -> gauges.runningCount)
			.description("Sync jobs queued or running in the cluster")
			.tag("state", JobState.RUNNING.value())
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${noterag.jobs.metrics.refresh-interval:5s}")
	void refreshOnSchedule() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the sync jobs for their gauges; they keep their last values: {}", ex.getMessage());
		}
	}

	/**
	 * Reads the queued and running jobs now and updates the gauges: new running jobs get
	 * theirs, jobs that have ended lose theirs.
	 */
	synchronized void refresh() {
		Instant now = this.clock.instant();
		List<ActiveJob> active = this.jdbc.sql("""
				SELECT j.id, j.data_source_id, s.type, j.state, j.full_sync, j.seen, j.indexed, j.skipped_unchanged,
				       j.deleted, j.failed, j.rejected, j.planned, j.started_at, j.throttled_until
				FROM sync_jobs j JOIN data_sources s ON s.id = j.data_source_id
				WHERE j.state IN ('queued', 'running')
				""").query((rs, row) -> {
			Integer planned = (Integer) rs.getObject("planned");
			int done = rs.getInt("indexed") + rs.getInt("skipped_unchanged") + rs.getInt("deleted")
					+ rs.getInt("failed");
			Boolean full = (Boolean) rs.getObject("full_sync");
			JobState state = JobState.of(rs.getString("state"));
			return new ActiveJob(rs.getObject("id", UUID.class),
					Tags.of("source_id", rs.getObject("data_source_id", UUID.class).toString(), "type",
							rs.getString("type"), "kind", (full == null) ? "unknown" : (full ? "full" : "incremental")),
					state,
					JobProgress.of(state, planned, rs.getInt("rejected"), done,
							instant(rs.getObject("started_at", OffsetDateTime.class)), null, now),
					rs.getInt("seen"), rs.getInt("failed") + rs.getInt("rejected"),
					instant(rs.getObject("throttled_until", OffsetDateTime.class)));
		}).list();
		Map<UUID, Figures> figures = new HashMap<>();
		int queued = 0;
		for (ActiveJob job : active) {
			if (job.state() == JobState.QUEUED) {
				queued++;
				continue;
			}
			figures.put(job.id(), Figures.of(job, now));
			RunningJob gauges = this.running.get(job.id());
			if (gauges != null && !gauges.tags.equals(job.tags())) {
				gauges.remove(this.registry);
				this.running.remove(job.id());
			}
		}
		this.running.entrySet().removeIf((entry) -> {
			if (figures.containsKey(entry.getKey())) {
				return false;
			}
			entry.getValue().remove(this.registry);
			return true;
		});
		for (ActiveJob job : active) {
			Figures current = figures.get(job.id());
			if (current == null) {
				continue;
			}
			RunningJob gauges = this.running.get(job.id());
			if (gauges == null) {
				this.running.put(job.id(), new RunningJob(this.registry, job.tags(), current));
			}
			else {
				gauges.figures = current;
			}
		}
		this.queuedCount = queued;
		this.runningCount = figures.size();
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private record ActiveJob(UUID id, Tags tags, JobState state, JobProgress progress, int seen, int failed,
			Instant throttledUntil) {
	}

	/** The figures of one running job as of a refresh; NaN where there is none. */
	private record Figures(double percent, double rate, double etaSeconds, double seen, double expected,
			double processed, double failed, double throttledSeconds) {

		static Figures of(ActiveJob job, Instant now) {
			JobProgress progress = job.progress();
			double throttled = (job.throttledUntil() != null && job.throttledUntil().isAfter(now))
					? Duration.between(now, job.throttledUntil()).toMillis() / 1000.0 : 0;
			return new Figures(orNaN(progress.exactPercent()), orNaN(progress.rate()), orNaN(progress.etaSeconds()),
					job.seen(), orNaN(progress.total()), progress.processed(), job.failed(), throttled);
		}

		private static double orNaN(Number value) {
			return (value != null) ? value.doubleValue() : Double.NaN;
		}

	}

	/** The gauges of one running job, reading the figures of the last refresh. */
	private static final class RunningJob {

		private final Tags tags;

		private final List<Meter> meters = new ArrayList<>();

		private volatile Figures figures;

		RunningJob(MeterRegistry registry, Tags tags, Figures figures) {
			this.tags = tags;
			this.figures = figures;
			gauge(registry, "noterag.sync.job.percent", null, "Percent of a running sync job's items done",
					Figures::percent);
			gauge(registry, "noterag.sync.job.items.per.second", null,
					"Items of a running sync job done per second since it started", Figures::rate);
			gauge(registry, "noterag.sync.job.eta", "seconds",
					"Estimated time until every item of a running sync job is done", Figures::etaSeconds);
			gauge(registry, "noterag.sync.job.items.seen", null, "Items a running sync job found at its source",
					Figures::seen);
			gauge(registry, "noterag.sync.job.items.expected", null,
					"Items of a running sync job once its source is listed (planned plus rejected)", Figures::expected);
			gauge(registry, "noterag.sync.job.items.processed", null,
					"Items of a running sync job done, whatever their outcome", Figures::processed);
			gauge(registry, "noterag.sync.job.items.failed", null,
					"Items of a running sync job that failed or were rejected so far", Figures::failed);
			gauge(registry, "noterag.sync.job.throttled", "seconds",
					"How long the source of a running sync job still asks the workers to wait",
					Figures::throttledSeconds);
		}

		private void gauge(MeterRegistry registry, String name, String unit, String description,
				ToDoubleFunction<Figures> value) {
			this.meters.add(Gauge.builder(name, this, (job) -> value.applyAsDouble(job.figures))
				.description(description)
				.baseUnit(unit)
				.tags(this.tags)
				.strongReference(true)
				.register(registry));
		}

		void remove(MeterRegistry registry) {
			this.meters.forEach(registry::remove);
		}

	}

}
