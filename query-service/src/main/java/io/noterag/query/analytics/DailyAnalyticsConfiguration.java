package io.noterag.query.analytics;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The daily analytics aggregation and its schedule. The lock is a row of the
 * {@code shedlock} table in the service's own schema, timed by the database's clock, so
 * that replicas with skewed clocks still agree.
 */
@Configuration(proxyBeanMethods = false)
class DailyAnalyticsConfiguration {

	@Bean
	LockProvider analyticsLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
	}

	@Bean
	DailyAnalytics dailyAnalytics(JdbcClient jdbc, LockProvider analyticsLockProvider,
			DailyAnalyticsProperties properties, JsonMapper json) {
		return new DailyAnalytics(jdbc, new DefaultLockingTaskExecutor(analyticsLockProvider), properties, json,
				Clock.systemUTC());
	}

	/** Runs the aggregation on its schedule, unless it is disabled. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(prefix = "noterag.analytics.daily", name = "enabled", havingValue = "true",
			matchIfMissing = true)
	static class Schedule {

		private final DailyAnalytics analytics;

		Schedule(DailyAnalytics analytics) {
			this.analytics = analytics;
		}

		@Scheduled(cron = "${noterag.analytics.daily.cron:0 15 0 * * *}", zone = "UTC")
		void aggregate() {
			try {
				this.analytics.aggregateOncePerCluster();
			}
			catch (RuntimeException ex) {
				org.slf4j.LoggerFactory.getLogger(DailyAnalytics.class)
					.warn("The daily analytics aggregation failed; it runs again at its next time", ex);
			}
		}

	}

}
