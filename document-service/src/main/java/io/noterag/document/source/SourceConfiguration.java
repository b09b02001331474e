package io.noterag.document.source;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

import io.noterag.shared.source.AllowedRoots;

@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

	@Bean
	AllowedRoots filesystemAllowedRoots(SourceProperties properties) {
		return new AllowedRoots(properties.filesystem().allowedRoots());
	}

	/**
	 * ShedLock's lock rows live in this service's schema (the connection's search path);
	 * lock times come from the database, so replicas' clocks need not agree.
	 */
	@Bean
	LockProvider sourceSyncLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
	}

	@Bean
	ScheduledSyncs scheduledSyncs(SourceService sources, LockProvider sourceSyncLockProvider,
			SyncScheduleProperties properties, Clock clock) {
		return new ScheduledSyncs(sources, sourceSyncLockProvider, properties, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "noterag.sync.schedule.enabled", havingValue = "true", matchIfMissing = true)
	ScheduledSyncTrigger scheduledSyncTrigger(ScheduledSyncs syncs) {
		return new ScheduledSyncTrigger(syncs);
	}

	/**
	 * The identity platform redirects the administrator's browser to the OAuth callback
	 * without any bearer token; the single-use state authorizes that request instead.
	 */
	@Bean
	WebSecurityCustomizer oauthCallbackWithoutBearerToken() {
		return (web) -> web.ignoring().requestMatchers(OAuthCallbackController.PATH);
	}

	/** Fires the scheduled sync on this replica; the lock lets one replica through. */
	static class ScheduledSyncTrigger {

		private static final Logger log = LoggerFactory.getLogger(ScheduledSyncTrigger.class);

		private final ScheduledSyncs syncs;

		ScheduledSyncTrigger(ScheduledSyncs syncs) {
			this.syncs = syncs;
		}

		@Scheduled(cron = "${noterag.sync.schedule.cron:0 0 * * * *}")
		void fire() {
			try {
				this.syncs.run();
			}
			catch (RuntimeException ex) {
				log.warn("The scheduled sync failed; it runs again at the next scheduled time", ex);
			}
		}

	}

}
