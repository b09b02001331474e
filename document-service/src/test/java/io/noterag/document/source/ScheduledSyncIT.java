package io.noterag.document.source;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import tools.jackson.databind.JsonNode;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;
import io.noterag.document.job.JobView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scheduled sync of two replicas that fire at the same time, each with its own lock
 * provider on the shared database, as two processes would.
 */
class ScheduledSyncIT extends DocumentServiceIntegrationTest {

	@Autowired
	private SourceService sources;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void releaseTheLock() {
		this.jdbc.sql("DELETE FROM shedlock WHERE name = :name").param("name", ScheduledSyncs.LOCK_NAME).update();
	}

	@Test
	void shouldQueueOneIncrementalSyncPerEligibleSourceWhenTwoReplicasFireAtOnce() throws Exception {
		TestSources testSources = new TestSources(this.mvc);
		List<String> eligible = List.of(synced(testSources, "hourly-a"), synced(testSources, "hourly-b"),
				synced(testSources, "hourly-c"));
		String disabled = synced(testSources, "hourly-disabled");
		this.mvc
			.perform(patch("/api/v2/admin/sources/" + disabled).header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sync_enabled\":false}"))
			.andExpect(status().isOk());
		String revoked = synced(testSources, "hourly-revoked");
		this.mvc
			.perform(put("/internal/sources/" + revoked + "/status").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\":\"needs_reconnect\",\"error\":\"consent revoked\"}"))
			.andExpect(status().isNoContent());
		String busy = testSources.create(UUID.randomUUID(), "hourly-busy", "").get("id").asString();

		List<Optional<List<JobView>>> runs = fireTogether(replica(), replica());

		assertThat(runs).filteredOn(Optional::isPresent).as("one replica ran").hasSize(1);
		assertThat(runs).filteredOn(Optional::isEmpty).as("the other skipped").hasSize(1);
		for (String id : eligible) {
			assertThat(jobsOf(id)).as("jobs of %s", id).isEqualTo(2);
			assertThat(latestIsIncremental(id)).isTrue();
		}
		assertThat(jobsOf(disabled)).isEqualTo(1);
		assertThat(jobsOf(revoked)).isEqualTo(1);
		assertThat(jobsOf(busy)).isEqualTo(1);
		List<UUID> queuedSources = runs.stream()
			.flatMap(Optional::stream)
			.flatMap(List::stream)
			.map(JobView::sourceId)
			.toList();
		assertThat(queuedSources).doesNotHaveDuplicates()
			.containsAll(eligible.stream().map(UUID::fromString).toList())
			.doesNotContain(UUID.fromString(disabled), UUID.fromString(revoked), UUID.fromString(busy));

		// the jobs finish quickly; a replica whose clock is a little late fires again
		for (String id : eligible) {
			finishLatest(id);
		}
		assertThat(replica().run()).as("the same schedule is not run twice").isEmpty();
		for (String id : eligible) {
			assertThat(jobsOf(id)).isEqualTo(2);
		}

		// the next schedule, once the lock is released
		releaseTheLock();
		assertThat(replica().run()).isPresent();
		for (String id : eligible) {
			assertThat(jobsOf(id)).isEqualTo(3);
		}
	}

	private ScheduledSyncs replica() {
		JdbcTemplateLockProvider lock = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(this.dataSource))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
		return new ScheduledSyncs(this.sources, lock,
				new SyncScheduleProperties(true, "0 0 * * * *", Duration.ofMinutes(10), Duration.ofMinutes(1)),
				Clock.systemUTC());
	}

	private static List<Optional<List<JobView>>> fireTogether(ScheduledSyncs one, ScheduledSyncs two) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(2);
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		try {
			Future<Optional<List<JobView>>> first = replicas.submit(() -> {
				barrier.await();
				return one.run();
			});
			Future<Optional<List<JobView>>> second = replicas.submit(() -> {
				barrier.await();
				return two.run();
			});
			return List.of(first.get(), second.get());
		}
		finally {
			replicas.shutdown();
		}
	}

	/** A source whose first sync has completed. */
	private String synced(TestSources testSources, String name) throws Exception {
		JsonNode source = testSources.create(UUID.randomUUID(), name, "");
		finishLatest(source.get("id").asString());
		return source.get("id").asString();
	}

	private void finishLatest(String sourceId) throws Exception {
		String jobId = this.jdbc
			.sql("SELECT id FROM sync_jobs WHERE data_source_id = :id AND state IN ('queued', 'running')")
			.param("id", UUID.fromString(sourceId))
			.query(UUID.class)
			.single()
			.toString();
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"succeeded\",\"seen\":0}"))
			.andExpect(status().isOk());
	}

	private long jobsOf(String sourceId) {
		return this.jdbc.sql("SELECT count(*) FROM sync_jobs WHERE data_source_id = :id")
			.param("id", UUID.fromString(sourceId))
			.query(Long.class)
			.single();
	}

	private boolean latestIsIncremental(String sourceId) {
		return !this.jdbc
			.sql("SELECT (o.payload->>'full')::boolean FROM sync_jobs j JOIN outbox o ON o.id = j.outbox_id "
					+ "WHERE j.data_source_id = :id ORDER BY j.created_at DESC LIMIT 1")
			.param("id", UUID.fromString(sourceId))
			.query(Boolean.class)
			.single();
	}

}
