package io.noterag.document.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class JobReaperIT extends DocumentServiceIntegrationTest {

	@Autowired
	private JobReaper reaper;

	@Test
	void shouldFailARunningJobWhoseWorkerStoppedReportingAndLeaveALiveOneRunning() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		JsonNode silent = sources.create(UUID.randomUUID(), "silent", "");
		JsonNode alive = sources.create(UUID.randomUUID(), "alive", "");
		String silentJob = start(silent);
		String aliveJob = start(alive);
		setHeartbeat(silentJob, Instant.now().minus(11, ChronoUnit.MINUTES));
		setHeartbeat(aliveJob, Instant.now().minus(9, ChronoUnit.MINUTES));

		List<UUID> reaped = this.reaper.reap();

		assertThat(reaped).contains(UUID.fromString(silentJob)).doesNotContain(UUID.fromString(aliveJob));
		this.mvc
			.perform(get("/api/v2/admin/sources/" + silent.get("id").asString()).header("Authorization",
					bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("failed"))
			.andExpect(jsonPath("$.latest_job.error", containsString("stopped reporting progress")))
			.andExpect(jsonPath("$.latest_job.finished_at").isNotEmpty());
		this.mvc
			.perform(
					get("/api/v2/admin/sources/" + alive.get("id").asString()).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("running"));
		// the worker of the reaped job is told to stop
		this.mvc.perform(post("/internal/sync-jobs/" + silentJob + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isConflict());
		// and the source can be synced again
		this.mvc.perform(post("/api/v2/admin/sources/" + silent.get("id").asString() + "/sync").header("Authorization",
				bearer(admin())))
			.andExpect(status().isAccepted());
	}

	@Test
	void shouldWaitLongerForAPlannedJobWhoseItemsMayStillBeWaitingInRetryQueues() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		JsonNode retrying = sources.create(UUID.randomUUID(), "retrying", "");
		JsonNode abandoned = sources.create(UUID.randomUUID(), "abandoned", "");
		String retryingJob = start(retrying);
		String abandonedJob = start(abandoned);
		for (String job : List.of(retryingJob, abandonedJob)) {
			this.mvc
				.perform(put("/internal/sync-jobs/" + job + "/plan").header("Authorization", bearer(worker()))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"total\":3}"))
				.andExpect(status().isOk());
			this.mvc
				.perform(post("/internal/sync-jobs/" + job + "/items").header("Authorization", bearer(worker()))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"item_id\":\"a\",\"outcome\":\"indexed\"}"))
				.andExpect(status().isOk());
		}
		// silent for longer than the heartbeat timeout (10m) but less than the item
		// timeout
		// (20m): its last items may be waiting for their 4-minute retry
		setHeartbeat(retryingJob, Instant.now().minus(15, ChronoUnit.MINUTES));
		setHeartbeat(abandonedJob, Instant.now().minus(21, ChronoUnit.MINUTES));

		List<UUID> reaped = this.reaper.reap();

		assertThat(reaped).contains(UUID.fromString(abandonedJob)).doesNotContain(UUID.fromString(retryingJob));
		this.mvc
			.perform(get("/api/v2/admin/sources/" + abandoned.get("id").asString()).header("Authorization",
					bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("failed"))
			.andExpect(jsonPath("$.latest_job.error", containsString("reported no item for PT20M")))
			.andExpect(jsonPath("$.latest_job.error", containsString("1 of 3 items reported")));
		this.mvc.perform(
				get("/api/v2/admin/sources/" + retrying.get("id").asString()).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("running"));
	}

	@Test
	void shouldLeaveAJobWhoseSourceIsThrottledRunningUntilTheWaitAndTheTimeoutHavePassed() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		JsonNode waiting = sources.create(UUID.randomUUID(), "waiting", "");
		JsonNode listingWaits = sources.create(UUID.randomUUID(), "listing-waits", "");
		JsonNode justResumed = sources.create(UUID.randomUUID(), "just-resumed", "");
		JsonNode longResumed = sources.create(UUID.randomUUID(), "long-resumed", "");
		JsonNode stuck = sources.create(UUID.randomUUID(), "stuck", "");
		String waitingJob = plannedJob(waiting);
		String listingJob = start(listingWaits);
		String justResumedJob = plannedJob(justResumed);
		String longResumedJob = plannedJob(longResumed);
		String stuckJob = plannedJob(stuck);
		for (String job : List.of(waitingJob, listingJob, justResumedJob, longResumedJob, stuckJob)) {
			setHeartbeat(job, Instant.now().minus(1, ChronoUnit.HOURS));
		}
		// Graph asked for 30 more minutes, reported by the worker that was told
		for (JsonNode source : List.of(waiting, listingWaits)) {
			this.mvc
				.perform(put("/internal/sources/" + source.get("id").asString() + "/throttle")
					.header("Authorization", bearer(worker()))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"retry_after_ms\":1800000}"))
				.andExpect(status().isOk());
		}
		// waits that ended 5 and 25 minutes ago: the item timeout (20m) runs from then
		setThrottledUntil(justResumedJob, Instant.now().minus(5, ChronoUnit.MINUTES));
		setThrottledUntil(longResumedJob, Instant.now().minus(25, ChronoUnit.MINUTES));

		List<UUID> reaped = this.reaper.reap();

		assertThat(reaped).contains(UUID.fromString(longResumedJob), UUID.fromString(stuckJob))
			.doesNotContain(UUID.fromString(waitingJob), UUID.fromString(listingJob), UUID.fromString(justResumedJob));
		this.mvc
			.perform(get("/api/v2/admin/sources/" + waiting.get("id").asString()).header("Authorization",
					bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("running"))
			.andExpect(jsonPath("$.latest_job.throttled_until").isNotEmpty());
		this.mvc
			.perform(
					get("/api/v2/admin/sources/" + stuck.get("id").asString()).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("failed"))
			.andExpect(jsonPath("$.latest_job.error", containsString("reported no item for PT20M")));
	}

	@Test
	void shouldFailAQueuedJobThatNoWorkerStartedLongAfterItsMessageWasPublished() throws Exception {
		JsonNode forgotten = new TestSources(this.mvc).create(UUID.randomUUID(), "forgotten", "");
		UUID jobId = UUID.fromString(forgotten.get("latest_job").get("id").asString());
		UUID outboxId = this.jdbc.sql("SELECT outbox_id FROM sync_jobs WHERE id = :id")
			.param("id", jobId)
			.query(UUID.class)
			.single();
		this.jdbc.sql("UPDATE outbox SET published_at = :at WHERE id = :id")
			.param("at", Instant.now().minus(31, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC))
			.param("id", outboxId)
			.update();

		assertThat(this.reaper.reap()).contains(jobId);

		this.mvc
			.perform(get("/api/v2/admin/sources/" + forgotten.get("id").asString()).header("Authorization",
					bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("failed"))
			.andExpect(jsonPath("$.latest_job.error", containsString("No indexing worker started this job")));
	}

	@Test
	void shouldFailEachStaleJobOnceWhenReplicasReapTogether() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		List<String> jobs = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String job = start(sources.create(UUID.randomUUID(), "stale-" + i, ""));
			setHeartbeat(job, Instant.now().minus(1, ChronoUnit.HOURS));
			jobs.add(job);
		}
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		try {
			Callable<List<UUID>> reap = this.reaper::reap;
			Future<List<UUID>> first = replicas.submit(reap);
			Future<List<UUID>> second = replicas.submit(reap);
			List<UUID> all = new ArrayList<>(first.get());
			all.addAll(second.get());
			assertThat(all).doesNotHaveDuplicates().containsAll(jobs.stream().map(UUID::fromString).toList());
		}
		finally {
			replicas.shutdown();
		}
	}

	private String start(JsonNode source) throws Exception {
		String jobId = source.get("latest_job").get("id").asString();
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		return jobId;
	}

	private String plannedJob(JsonNode source) throws Exception {
		String jobId = start(source);
		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/plan").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"total\":2}"))
			.andExpect(status().isOk());
		return jobId;
	}

	private void setThrottledUntil(String jobId, Instant at) {
		this.jdbc.sql("UPDATE sync_jobs SET throttled_until = :at WHERE id = :id")
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("id", UUID.fromString(jobId))
			.update();
	}

	private void setHeartbeat(String jobId, Instant at) {
		this.jdbc.sql("UPDATE sync_jobs SET heartbeat_at = :at WHERE id = :id")
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("id", UUID.fromString(jobId))
			.update();
	}

}
