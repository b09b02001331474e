package io.noterag.document.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts and times of sync jobs, tagged by source type at most (never by source or user):
 * {@code noterag.sync.items} (items done, by {@code outcome}) and
 * {@code noterag.sync.job.duration} (from start to end, by final {@code state}). Counts
 * are recorded once the transaction that made them has committed. The gauges of queued
 * and running jobs are {@link SyncJobGauges}.
 */
@Component
class SyncJobMetrics {

	private static final int MAX_CACHED_TYPES = 10_000;

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	private final Map<UUID, String> typesBySource = new ConcurrentHashMap<>();

	SyncJobMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
	}

	/**
	 * Counts items done, once the current transaction commits.
	 * @param sourceId their source
	 * @param outcome indexed, skipped_unchanged, deleted, failed or rejected
	 * @param count how many
	 */
	void itemsProcessed(UUID sourceId, String outcome, int count) {
		if (count <= 0) {
			return;
		}
		String type = typeOf(sourceId);
		afterCommit(() -> Counter.builder("noterag.sync.items")
			.description("Items of sync jobs done, by outcome")
			.tag("type", type)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment(count));
	}

	/**
	 * Times a job that ended, once the current transaction commits.
	 * @param sourceId its source
	 * @param state how it ended
	 * @param startedAt when it started (null when it never did)
	 * @param finishedAt when it ended
	 */
	void jobFinished(UUID sourceId, JobState state, Instant startedAt, Instant finishedAt) {
		if (startedAt == null || finishedAt == null) {
			return;
		}
		String type = typeOf(sourceId);
		Duration duration = Duration.between(startedAt, finishedAt);
		afterCommit(() -> Timer.builder("noterag.sync.job.duration")
			.description("Time from the start of a sync job to its end")
			.tag("type", type)
			.tag("state", state.value())
			.register(this.registry)
			.record(duration.isNegative() ? Duration.ZERO : duration));
	}

	private String typeOf(UUID sourceId) {
		String cached = this.typesBySource.get(sourceId);
		if (cached != null) {
			return cached;
		}
		String type = this.jdbc.sql("SELECT type FROM data_sources WHERE id = :id")
			.param("id", sourceId)
			.query(String.class)
			.optional()
			.orElse("unknown");
		if (this.typesBySource.size() >= MAX_CACHED_TYPES) {
			this.typesBySource.clear();
		}
		this.typesBySource.put(sourceId, type);
		return type;
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
