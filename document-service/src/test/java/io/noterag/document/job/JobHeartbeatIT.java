package io.noterag.document.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The count-free heartbeat a worker sends while it lists a source: it keeps a long
 * listing from being reaped and leaves the counts alone.
 */
class JobHeartbeatIT extends DocumentServiceIntegrationTest {

	@Autowired
	private SyncJobMetrics metrics;

	@Test
	void shouldNotReapAListingThatTakesLongerThanTheHeartbeatTimeoutWhileItsWorkerSendsHeartbeats() throws Exception {
		// a reaper that fails an unplanned job after one second without a heartbeat
		JobReaper reaper = new JobReaper(this.jdbc,
				new JobProperties(500,
						new JobProperties.Reaper(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(20),
								Duration.ofMinutes(30)),
						new JobProperties.Metrics(Duration.ofSeconds(5))),
				this.metrics, Clock.systemUTC());
		TestSources sources = new TestSources(this.mvc);
		String listing = start(sources.create(UUID.randomUUID(), "long-listing", ""));
		String silent = start(sources.create(UUID.randomUUID(), "silent-listing", ""));

		// the listing lasts three times the timeout; the worker sends a heartbeat every
		// 250 ms
		long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (System.nanoTime() < end) {
			heartbeat(listing).andExpect(status().isNoContent());
			assertThat(reaper.reap()).doesNotContain(UUID.fromString(listing));
			Thread.sleep(250);
		}

		assertThat(state(listing)).isEqualTo("running");
		assertThat(state(silent)).isEqualTo("failed");
		// the heartbeat did not touch the counts: the plan and the items still count
		plan(listing, "{\"total\":1}").andExpect(status().isOk()).andExpect(jsonPath("$.processed").value(0));
		this.mvc
			.perform(post("/internal/sync-jobs/" + listing + "/items").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"item_id\":\"a.md\",\"outcome\":\"indexed\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("succeeded"))
			.andExpect(jsonPath("$.indexed").value(1));
	}

	@Test
	void shouldMoveTheHeartbeatOfARunningJobWithoutChangingItsCounts() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "heartbeat", "");
		String jobId = start(source);
		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/progress").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"seen\":7,\"indexed\":5,\"skipped_unchanged\":1,\"deleted\":0,\"failed\":1}"))
			.andExpect(status().isOk());
		Instant old = Instant.now().minus(11, ChronoUnit.MINUTES);
		this.jdbc.sql("UPDATE sync_jobs SET heartbeat_at = :at WHERE id = :id")
			.param("at", old.atOffset(ZoneOffset.UTC))
			.param("id", UUID.fromString(jobId))
			.update();

		heartbeat(jobId).andExpect(status().isNoContent());

		assertThat(heartbeatAt(jobId)).isAfter(old.plus(10, ChronoUnit.MINUTES));
		assertThat(this.jdbc.sql("SELECT seen, indexed, failed FROM sync_jobs WHERE id = :id")
			.param("id", UUID.fromString(jobId))
			.query((rs, row) -> List.of(rs.getInt("seen"), rs.getInt("indexed"), rs.getInt("failed")))
			.single()).containsExactly(7, 5, 1);
	}

	@Test
	void shouldRefuseTheHeartbeatOfAnUnknownQueuedOrEndedJob() throws Exception {
		heartbeat(UUID.randomUUID().toString()).andExpect(status().isNotFound());
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "heartbeat-ended", "");
		String jobId = source.get("latest_job").get("id").asString();
		heartbeat(jobId).andExpect(status().isConflict());

		start(source);
		plan(jobId, "{\"total\":0}").andExpect(jsonPath("$.state").value("succeeded"));

		heartbeat(jobId).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already finished")));
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/heartbeat")).andExpect(status().isUnauthorized());
	}

	private String start(JsonNode source) throws Exception {
		String jobId = source.get("latest_job").get("id").asString();
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		return jobId;
	}

	private ResultActions heartbeat(String jobId) throws Exception {
		return this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/heartbeat").header("Authorization", bearer(worker())));
	}

	private ResultActions plan(String jobId, String plan) throws Exception {
		return this.mvc.perform(put("/internal/sync-jobs/" + jobId + "/plan").header("Authorization", bearer(worker()))
			.contentType(MediaType.APPLICATION_JSON)
			.content(plan));
	}

	private String state(String jobId) {
		return this.jdbc.sql("SELECT state FROM sync_jobs WHERE id = :id")
			.param("id", UUID.fromString(jobId))
			.query(String.class)
			.single();
	}

	private Instant heartbeatAt(String jobId) {
		return this.jdbc.sql("SELECT heartbeat_at FROM sync_jobs WHERE id = :id")
			.param("id", UUID.fromString(jobId))
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

}
