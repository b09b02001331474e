package io.noterag.query.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aggregates {@code query_analytics} into one {@code query_analytics_daily} row per UTC
 * day. Aggregating a day again replaces its row, so a run that is repeated or retried
 * changes nothing; the scheduled run takes a cluster-wide lock first, so that one replica
 * does it while the others skip it.
 */
public class DailyAnalytics {

	/** The name of the lock of the scheduled run. */
	public static final String LOCK_NAME = "query-analytics-daily";

	private static final Logger log = LoggerFactory.getLogger(DailyAnalytics.class);

	private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final LockingTaskExecutor locks;

	private final DailyAnalyticsProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	/**
	 * @param jdbc the service's database
	 * @param locks cluster-wide locks
	 * @param properties the settings
	 * @param json reads the per-technique counts
	 * @param clock what "today" is
	 */
	public DailyAnalytics(JdbcClient jdbc, LockingTaskExecutor locks, DailyAnalyticsProperties properties,
			JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.locks = locks;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Aggregates the configured number of days before today, unless another replica holds
	 * the lock (it is doing it, or did it moments ago).
	 * @return the days aggregated, empty when another replica had the lock
	 */
	public List<DailyQueryFigures> aggregateOncePerCluster() {
		Instant now = this.clock.instant();
		LockConfiguration lock = new LockConfiguration(now, LOCK_NAME, this.properties.lockAtMostFor(),
				this.properties.lockAtLeastFor());
		TaskResult<List<DailyQueryFigures>> result;
		try {
			result = this.locks.executeWithLock(() -> aggregateDaysBefore(LocalDate.ofInstant(now, ZoneOffset.UTC)),
					lock);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("The daily analytics aggregation failed", ex);
		}
		if (!result.wasExecuted()) {
			log.info("Daily analytics skipped: another replica holds the lock '{}'", LOCK_NAME);
			return List.of();
		}
		return result.getResult();
	}

	private List<DailyQueryFigures> aggregateDaysBefore(LocalDate today) {
		List<DailyQueryFigures> days = new ArrayList<>();
		for (int back = this.properties.days(); back >= 1; back--) {
			DailyQueryFigures figures = aggregate(today.minusDays(back));
			log.info("Daily analytics of {}: {} queries by {} callers", figures.day(), figures.queries(),
					figures.distinctUsers());
			days.add(figures);
		}
		return days;
	}

	/**
	 * Aggregates one UTC day now, replacing its row.
	 * @param day the day
	 * @return its figures
	 */
	public DailyQueryFigures aggregate(LocalDate day) {
		OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
		return this.jdbc.sql("""
				WITH day_rows AS (
				    SELECT * FROM query_analytics WHERE timestamp >= :from AND timestamp < :to
				)
				INSERT INTO query_analytics_daily (day, queries, distinct_users, p50_latency_ms, p95_latency_ms,
				    avg_latency_ms, degraded, not_found, tokens_used, cost_usd, avg_documents_retrieved, by_technique,
				    aggregated_at)
				SELECT :day, count(*), count(DISTINCT user_id),
				    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)),
				    round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)),
				    round(avg(latency_ms)),
				    count(*) FILTER (WHERE metadata ->> 'degraded' = 'true'),
				    count(*) FILTER (WHERE metadata ->> 'found' = 'false'),
				    COALESCE(sum(tokens_used), 0), COALESCE(sum(cost_usd), 0),
				    round(avg(documents_retrieved), 2),
				    COALESCE((SELECT jsonb_object_agg(technique, n) FROM (
				        SELECT COALESCE(rag_technique, 'unknown') AS technique, count(*) AS n
				        FROM day_rows GROUP BY 1) techniques), '{}'::jsonb),
				    :now
				FROM day_rows
				ON CONFLICT (day) DO UPDATE SET queries = EXCLUDED.queries, distinct_users = EXCLUDED.distinct_users,
				    p50_latency_ms = EXCLUDED.p50_latency_ms, p95_latency_ms = EXCLUDED.p95_latency_ms,
				    avg_latency_ms = EXCLUDED.avg_latency_ms, degraded = EXCLUDED.degraded,
				    not_found = EXCLUDED.not_found, tokens_used = EXCLUDED.tokens_used, cost_usd = EXCLUDED.cost_usd,
				    avg_documents_retrieved = EXCLUDED.avg_documents_retrieved, by_technique = EXCLUDED.by_technique,
				    aggregated_at = EXCLUDED.aggregated_at
				RETURNING *
				""")
			.param("day", day)
			.param("from", from)
			.param("to", from.plusDays(1))
			.param("now", this.clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
			.query(this::figures)
			.single();
	}

	/**
	 * The figures of a day aggregated before.
	 * @param day the day
	 * @return its figures, or empty when it has not been aggregated
	 */
	public Optional<DailyQueryFigures> find(LocalDate day) {
		return this.jdbc.sql("SELECT * FROM query_analytics_daily WHERE day = :day")
			.param("day", day)
			.query(this::figures)
			.optional();
	}

	private DailyQueryFigures figures(ResultSet rs, int row) throws SQLException {
		return new DailyQueryFigures(rs.getObject("day", LocalDate.class), rs.getInt("queries"),
				rs.getInt("distinct_users"), rs.getObject("p50_latency_ms", Integer.class),
				rs.getObject("p95_latency_ms", Integer.class), rs.getObject("avg_latency_ms", Integer.class),
				rs.getInt("degraded"), rs.getInt("not_found"), rs.getLong("tokens_used"), rs.getBigDecimal("cost_usd"),
				rs.getBigDecimal("avg_documents_retrieved"), this.json.readValue(rs.getString("by_technique"), COUNTS),
				rs.getObject("aggregated_at", OffsetDateTime.class).toInstant());
	}

}
