package io.noterag.query.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.noterag.shared.test.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily aggregation against the real Postgres, in a schema of its own migrated by
 * this service's migrations; each "replica" has its own connection pool and lock
 * provider, as separate processes would.
 */
class DailyAnalyticsIT {

	private static final String SCHEMA = TestInfrastructure.schema("analytics_daily");

	private static final List<HikariDataSource> pools = new ArrayList<>();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

	private final LocalDate yesterday = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).minusDays(1);

	private JdbcClient jdbc;

	@BeforeAll
	static void migrate() {
		Flyway.configure()
			.dataSource(pool())
			.schemas(SCHEMA)
			.defaultSchema(SCHEMA)
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	@AfterAll
	static void close() {
		pools.forEach(HikariDataSource::close);
	}

	@BeforeEach
	void emptyTables() {
		this.jdbc = JdbcClient.create(pool());
		this.jdbc.sql("TRUNCATE query_analytics, query_analytics_daily, shedlock").update();
	}

	@Test
	void shouldAggregateTheQueriesOfOneUtcDayAndReplaceTheDayWhenRunAgain() {
		Instant start = this.yesterday.atStartOfDay().toInstant(ZoneOffset.UTC);
		query("alice", "hybrid", 100, 0, "0", false, true, start);
		query("alice", "hybrid", 200, 150, "0.001500", false, true, start.plusSeconds(3600));
		query("bob", "rag_fusion", 300, 0, "0", true, false, start.plusSeconds(7200));
		query("carol", "hybrid", 1000, 50, "0.000500", false, true, start.plus(Duration.ofDays(1)).minusMillis(1));
		// the days around it are left out
		query("dave", "hybrid", 9999, 9999, "9", false, true, start.minusMillis(1));
		query("dave", "hybrid", 9999, 9999, "9", false, true, start.plus(Duration.ofDays(1)));
		DailyAnalytics analytics = replica(new AtomicInteger());

		DailyQueryFigures figures = analytics.aggregate(this.yesterday);

		assertThat(figures.day()).isEqualTo(this.yesterday);
		assertThat(figures.queries()).isEqualTo(4);
		assertThat(figures.distinctUsers()).isEqualTo(3);
		assertThat(figures.p50LatencyMs()).isEqualTo(250);
		assertThat(figures.p95LatencyMs()).isEqualTo(895);
		assertThat(figures.avgLatencyMs()).isEqualTo(400);
		assertThat(figures.degraded()).isEqualTo(1);
		assertThat(figures.notFound()).isEqualTo(1);
		assertThat(figures.tokensUsed()).isEqualTo(200);
		assertThat(figures.costUsd()).isEqualByComparingTo(new BigDecimal("0.002"));
		assertThat(figures.avgDocumentsRetrieved()).isEqualByComparingTo(new BigDecimal("3"));
		assertThat(figures.byTechnique())
			.containsExactlyInAnyOrderEntriesOf(java.util.Map.of("hybrid", 3, "rag_fusion", 1));

		query("erin", "hybrid", 400, 0, "0", false, true, start.plusSeconds(60));
		analytics.aggregate(this.yesterday);

		assertThat(analytics.find(this.yesterday)).hasValueSatisfying((again) -> {
			assertThat(again.queries()).isEqualTo(5);
			assertThat(again.distinctUsers()).isEqualTo(4);
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM query_analytics_daily").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void shouldRecordADayWithoutQueriesAsZero() {
		DailyQueryFigures figures = replica(new AtomicInteger()).aggregate(this.yesterday.minusDays(10));

		assertThat(figures.queries()).isZero();
		assertThat(figures.p50LatencyMs()).isNull();
		assertThat(figures.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(figures.byTechnique()).isEmpty();
	}

	@Test
	void shouldAggregateOnceWhenTwoReplicasRunTheScheduleAtTheSameTime() throws Exception {
		query("alice", "hybrid", 100, 0, "0", false, true, this.yesterday.atStartOfDay().toInstant(ZoneOffset.UTC));
		AtomicInteger aggregations = new AtomicInteger();
		List<DailyAnalytics> replicas = List.of(replica(aggregations), replica(aggregations));
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<DailyQueryFigures>>> runs = new ArrayList<>();
			for (DailyAnalytics replica : replicas) {
				runs.add(threads.submit(() -> {
					go.await();
					return replica.aggregateOncePerCluster();
				}));
			}
			go.countDown();
			List<List<DailyQueryFigures>> results = new ArrayList<>();
			for (Future<List<DailyQueryFigures>> run : runs) {
				results.add(run.get());
			}

			assertThat(aggregations).hasValue(1);
			assertThat(results).filteredOn(List::isEmpty).hasSize(1);
			assertThat(results).filteredOn((days) -> !days.isEmpty())
				.singleElement()
				.satisfies(
						(days) -> assertThat(days).extracting(DailyQueryFigures::day).containsExactly(this.yesterday));
		}
		finally {
			threads.shutdown();
		}
		// a replica a little late (its clock behind) still finds the lock held
		assertThat(replica(aggregations).aggregateOncePerCluster()).isEmpty();
		assertThat(aggregations).hasValue(1);
		assertThat(this.jdbc.sql("SELECT queries FROM query_analytics_daily WHERE day = :day")
			.param("day", this.yesterday)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/** A replica: its own pool and lock provider; counts the aggregations it starts. */
	private DailyAnalytics replica(AtomicInteger aggregations) {
		HikariDataSource pool = pool();
		JdbcTemplateLockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(pool))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
		DailyAnalyticsProperties properties = new DailyAnalyticsProperties(true, "0 15 0 * * *", 1,
				Duration.ofMinutes(30), Duration.ofMinutes(5));
		return new DailyAnalytics(JdbcClient.create(pool), new DefaultLockingTaskExecutor(locks), properties, json,
				this.clock) {

			@Override
			public DailyQueryFigures aggregate(LocalDate day) {
				aggregations.incrementAndGet();
				try {
					// long enough for the other replica to try while this one holds the
					// lock
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return super.aggregate(day);
			}

		};
	}

	private void query(String user, String technique, int latencyMs, int tokens, String cost, boolean degraded,
			boolean found, Instant at) {
		this.jdbc.sql("""
				INSERT INTO query_analytics (user_id, query, rag_technique, latency_ms, tokens_used, cost_usd,
				    documents_retrieved, timestamp, metadata)
				VALUES (:user, 'q', :technique, :latency, :tokens, :cost, 3, :at, CAST(:metadata AS jsonb))
				""")
			.param("user", user)
			.param("technique", technique)
			.param("latency", latencyMs)
			.param("tokens", tokens)
			.param("cost", new BigDecimal(cost))
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("metadata", "{\"degraded\":" + degraded + ",\"found\":" + found + "}")
			.update();
	}

	private static HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(TestInfrastructure.databaseUrl());
		pool.setUsername(TestInfrastructure.databaseUser());
		pool.setPassword(TestInfrastructure.databasePassword());
		pool.setSchema(SCHEMA);
		pool.setMaximumPoolSize(3);
		pools.add(pool);
		return pool;
	}

}
