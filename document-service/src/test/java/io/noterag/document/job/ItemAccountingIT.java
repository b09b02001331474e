package io.noterag.document.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The worker plans a job, then reports each item; the job completes with its last item
 * and its cursor becomes the source's sync state.
 */
class ItemAccountingIT extends DocumentServiceIntegrationTest {

	@Autowired
	private SyncJobs jobs;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private SyncJobGauges gauges;

	@Test
	void shouldCountEachItemOnceAndCompleteWithErrorsWithTheLastItem() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "items", "");
		String sourceId = source.get("id").asString();
		String jobId = start(source);

		plan(jobId, """
				{"total":3,"rejected":[{"item_id":"broken.html","reason":"The page's HTML cannot be read"}],
				 "cursor":"delta-1"}
				""").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("running"))
			.andExpect(jsonPath("$.total").value(4))
			.andExpect(jsonPath("$.processed").value(1))
			.andExpect(jsonPath("$.percent").value(25))
			.andExpect(jsonPath("$.rejected").value(1))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.failures[0].item").value("broken.html"));
		item(jobId, "a.md", "indexed", null).andExpect(status().isOk()).andExpect(jsonPath("$.processed").value(2));
		// a redelivered message reports the same item again: it does not count twice
		item(jobId, "a.md", "skipped_unchanged", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.processed").value(2))
			.andExpect(jsonPath("$.indexed").value(1))
			.andExpect(jsonPath("$.skipped_unchanged").value(0));
		item(jobId, "b.pdf", "failed", "Encrypted PDF").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("running"))
			.andExpect(jsonPath("$.percent").value(75));
		assertThat(this.jobs.syncState(UUID.fromString(sourceId))).isEmpty();

		item(jobId, "gone.md", "deleted", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("completed_with_errors"))
			.andExpect(jsonPath("$.finished_at").isNotEmpty())
			.andExpect(jsonPath("$.processed").value(4))
			.andExpect(jsonPath("$.percent").value(100))
			.andExpect(jsonPath("$.eta_seconds").value(0))
			.andExpect(jsonPath("$.indexed").value(1))
			.andExpect(jsonPath("$.deleted").value(1))
			.andExpect(jsonPath("$.failed").value(2))
			.andExpect(jsonPath("$.failures", hasSize(2)))
			.andExpect(jsonPath("$.failures[1].item").value("b.pdf"))
			.andExpect(jsonPath("$.failures[1].reason").value("Encrypted PDF"));

		SyncState state = this.jobs.syncState(UUID.fromString(sourceId)).orElseThrow();
		assertThat(state.cursor()).isEqualTo("delta-1");
		assertThat(state.lastSyncedAt()).isEqualTo(startedAt(jobId));
		// a late duplicate is answered with the job; an item the job never had is refused
		item(jobId, "b.pdf", "failed", "Encrypted PDF").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("completed_with_errors"));
		item(jobId, "stranger.md", "indexed", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already finished")));
		plan(jobId, "{\"total\":1}").andExpect(status().isConflict());
	}

	@Test
	void shouldCountAnIndexedItemWithItsDocumentInOneWriteAndStillRecordTheDocumentOfAFinishedJob() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "one-write", "");
		String sourceId = source.get("id").asString();
		String jobId = start(source);
		plan(jobId, "{\"total\":2}").andExpect(status().isOk());

		document(sourceId, "a.md", jobId).andExpect(status().isOk())
			.andExpect(header().string("X-Job-Item-Counted", "true"))
			.andExpect(jsonPath("$.source_id").value("a.md"));
		// a redelivered message writes the document again: the item still counts once
		document(sourceId, "a.md", jobId).andExpect(header().string("X-Job-Item-Counted", "true"));
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.indexed").value(1))
			.andExpect(jsonPath("$.latest_job.processed").value(1))
			.andExpect(jsonPath("$.latest_job.state").value("running"));

		document(sourceId, "b.md", jobId).andExpect(header().string("X-Job-Item-Counted", "true"));
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("succeeded"))
			.andExpect(jsonPath("$.latest_job.indexed").value(2));

		// the job has finished (or is gone): the document is recorded all the same
		document(sourceId, "late.md", jobId).andExpect(status().isOk())
			.andExpect(header().string("X-Job-Item-Counted", "false"));
		document(sourceId, "stray.md", UUID.randomUUID().toString()).andExpect(status().isOk())
			.andExpect(header().string("X-Job-Item-Counted", "false"));
		// without a job, nothing is said about one
		document(sourceId, "plain.md", null).andExpect(status().isOk())
			.andExpect(header().doesNotExist("X-Job-Item-Counted"));
		this.mvc.perform(get("/internal/sources/" + sourceId + "/documents").header("Authorization", bearer(worker())))
			.andExpect(jsonPath("$", hasSize(5)));
	}

	private ResultActions document(String sourceId, String itemId, String jobId) throws Exception {
		String id = io.noterag.shared.vector.ChunkIds.documentId(sourceId, itemId);
		return this.mvc.perform(put("/internal/documents/" + id).header("Authorization", bearer(worker()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"data_source_id\":\"" + sourceId + "\",\"source_type\":\"filesystem\",\"source_id\":\"" + itemId
					+ "\",\"title\":\"" + itemId + "\",\"content_hash\":\"sha256:" + itemId + "\",\"chunk_count\":1"
					+ ((jobId != null) ? ",\"job_id\":\"" + jobId + "\"" : "") + "}"));
	}

	@Test
	void shouldSucceedAtOnceWithAPlanOfNoItemAndKeepTheLastCursorWhenANewOneIsNull() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		JsonNode source = sources.create(UUID.randomUUID(), "nothing-new", "");
		String sourceId = source.get("id").asString();
		String first = start(source);
		plan(first, "{\"total\":0,\"rejected\":[],\"cursor\":\"2026-01-01T00:00:00Z\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("succeeded"))
			.andExpect(jsonPath("$.total").value(0))
			.andExpect(jsonPath("$.percent").value(100));
		assertThat(this.jobs.syncState(UUID.fromString(sourceId)))
			.hasValue(new SyncState("2026-01-01T00:00:00Z", startedAt(first)));

		this.mvc.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isAccepted());
		String second = latestJob(sourceId);
		this.mvc.perform(post("/internal/sync-jobs/" + second + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		plan(second, "{\"total\":0}").andExpect(jsonPath("$.state").value("succeeded"));

		assertThat(this.jobs.syncState(UUID.fromString(sourceId)))
			.hasValue(new SyncState("2026-01-01T00:00:00Z", startedAt(second)));
	}

	@Test
	void shouldReplaceARepeatedPlanAndKeepTheItemsAlreadyReported() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "replanned", "");
		String sourceId = source.get("id").asString();
		String jobId = source.get("latest_job").get("id").asString();
		// a plan starts a job that is still queued
		plan(jobId, "{\"total\":3,\"rejected\":[{\"item_id\":\"x\",\"reason\":\"too big\"}],\"cursor\":\"c1\"}")
			.andExpect(jsonPath("$.state").value("running"))
			.andExpect(jsonPath("$.started_at").isNotEmpty());
		item(jobId, "a", "indexed", null).andExpect(jsonPath("$.processed").value(2));

		// the worker crashed and listed again
		plan(jobId, "{\"total\":2,\"rejected\":[],\"cursor\":\"c2\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("running"))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.processed").value(1))
			.andExpect(jsonPath("$.rejected").value(0))
			.andExpect(jsonPath("$.failures", hasSize(0)));
		item(jobId, "b", "skipped_unchanged", null).andExpect(jsonPath("$.state").value("succeeded"));

		assertThat(this.jobs.syncState(UUID.fromString(sourceId)).orElseThrow().cursor()).isEqualTo("c2");
	}

	@Test
	void shouldShowTheRateAndTheTimeLeftWhileTheJobRuns() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "progress", "");
		String sourceId = source.get("id").asString();
		String jobId = start(source);
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId + "/jobs").header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.jobs[0].total").value(nullValue()))
			.andExpect(jsonPath("$.jobs[0].percent").value(nullValue()))
			.andExpect(jsonPath("$.jobs[0].eta_seconds").value(nullValue()));
		plan(jobId, "{\"total\":4}").andExpect(status().isOk());
		item(jobId, "1", "indexed", null).andExpect(status().isOk());
		item(jobId, "2", "indexed", null).andExpect(status().isOk());
		this.jdbc.sql("UPDATE sync_jobs SET started_at = :at WHERE id = :id")
			.param("at", Instant.now().minus(20, ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
			.param("id", UUID.fromString(jobId))
			.update();

		String body = this.mvc
			.perform(get("/api/v2/admin/sources/" + sourceId + "/jobs").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobs[0].state").value("running"))
			.andExpect(jsonPath("$.jobs[0].total").value(4))
			.andExpect(jsonPath("$.jobs[0].processed").value(2))
			.andExpect(jsonPath("$.jobs[0].percent").value(50))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode job = new tools.jackson.databind.ObjectMapper().readTree(body).get("jobs").get(0);
		// 2 items in 20 seconds: 0.1 per second, 20 seconds for the 2 left
		assertThat(job.get("docs_per_second").asDouble()).isCloseTo(0.1, within(0.01));
		assertThat(job.get("eta_seconds").asLong()).isBetween(18L, 22L);
		// the cluster's running jobs, this one among them
		this.gauges.refresh();
		assertThat(this.meters.get("noterag.sync.jobs.active").tag("state", "running").gauge().value())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void shouldRefuseItemsOfAJobNotStartedAndReportsThatAreIncomplete() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "refused", "");
		String jobId = source.get("latest_job").get("id").asString();
		item(jobId, "a", "indexed", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("has not been started")));
		item(UUID.randomUUID().toString(), "a", "indexed", null).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/items").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"item_id\":\"a\",\"outcome\":\"lost\"}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/items").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"indexed\"}"))
			.andExpect(status().isBadRequest());
		plan(jobId, "{\"total\":-1}").andExpect(status().isBadRequest());
		plan(jobId, "{\"rejected\":[]}").andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/plan").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"total\":1}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void shouldCompleteExactlyOnceWhenManyWorkersReportItemsOfOneJobAtTheSameTime() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "concurrent", "");
		UUID sourceId = UUID.fromString(source.get("id").asString());
		UUID jobId = UUID.fromString(start(source));
		int items = 40;
		this.jobs.plan(jobId, new JobPlan(items, List.of(), "cursor-after"));
		double finishedBefore = finishedJobs();
		double itemsBefore = itemsCounted();
		// every item twice (a redelivery), the copies in a random order, 8 workers at
		// once
		List<ItemReport> reports = new ArrayList<>();
		for (int i = 0; i < items; i++) {
			ItemOutcome outcome = (i % 10 == 0) ? ItemOutcome.FAILED : ItemOutcome.INDEXED;
			ItemReport report = new ItemReport("item-" + i, outcome, (outcome == ItemOutcome.FAILED) ? "bad" : null);
			reports.add(report);
			reports.add(report);
		}
		Collections.shuffle(reports);
		ExecutorService workers = Executors.newFixedThreadPool(8);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<JobView>> answers = new ArrayList<>();
			for (ItemReport report : reports) {
				answers.add(workers.submit(() -> {
					go.await();
					return this.jobs.reportItem(jobId, report);
				}));
			}
			go.countDown();
			long completedAnswers = 0;
			for (Future<JobView> answer : answers) {
				if (answer.get().state() == JobState.COMPLETED_WITH_ERRORS) {
					completedAnswers++;
				}
			}
			assertThat(completedAnswers).isPositive();
		}
		finally {
			workers.shutdown();
		}

		JobView job = this.jobs.get(jobId);
		assertThat(job.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
		assertThat(job.processed()).isEqualTo(items);
		assertThat(job.indexed()).isEqualTo(36);
		assertThat(job.failed()).isEqualTo(4);
		assertThat(job.failures()).hasSize(4);
		assertThat(this.jdbc.sql("SELECT count(*) FROM sync_job_items WHERE job_id = :id")
			.param("id", jobId)
			.query(Long.class)
			.single()).isEqualTo(items);
		assertThat(this.jobs.syncState(sourceId).orElseThrow().cursor()).isEqualTo("cursor-after");
		// finished once: one duration recorded, each item counted once
		assertThat(finishedJobs() - finishedBefore).isEqualTo(1);
		assertThat(itemsCounted() - itemsBefore).isEqualTo(items);
	}

	private double finishedJobs() {
		return this.meters.find("noterag.sync.job.duration")
			.tag("type", "filesystem")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private double itemsCounted() {
		return this.meters.find("noterag.sync.items")
			.tag("type", "filesystem")
			.counters()
			.stream()
			.filter((counter) -> !"rejected".equals(counter.getId().getTag("outcome")))
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

	private String start(JsonNode source) throws Exception {
		String jobId = source.get("latest_job").get("id").asString();
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		return jobId;
	}

	private ResultActions plan(String jobId, String plan) throws Exception {
		return this.mvc.perform(put("/internal/sync-jobs/" + jobId + "/plan").header("Authorization", bearer(worker()))
			.contentType(MediaType.APPLICATION_JSON)
			.content(plan));
	}

	private ResultActions item(String jobId, String itemId, String outcome, String reason) throws Exception {
		String body = "{\"item_id\":\"" + itemId + "\",\"outcome\":\"" + outcome + "\""
				+ ((reason != null) ? ",\"reason\":\"" + reason + "\"" : "") + "}";
		return this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/items").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body));
	}

	private Instant startedAt(String jobId) {
		return this.jdbc.sql("SELECT started_at FROM sync_jobs WHERE id = :id")
			.param("id", UUID.fromString(jobId))
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private String latestJob(String sourceId) {
		return this.jdbc.sql("SELECT id FROM sync_jobs WHERE data_source_id = :id ORDER BY created_at DESC LIMIT 1")
			.param("id", UUID.fromString(sourceId))
			.query(UUID.class)
			.single()
			.toString();
	}

}
