package io.noterag.document.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A running job's progress as Prometheus scrapes it: its gauges, tagged by its source and
 * kind, show what the jobs API shows, and are gone once the job has ended.
 */
class SyncJobGaugesIT extends DocumentServiceIntegrationTest {

	private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$");

	@Autowired
	private SyncJobGauges gauges;

	@Test
	void shouldShowARunningJobsProgressThenDropItsGaugesOnceItHasEnded() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "graphed", "");
		String sourceId = source.get("id").asString();
		String jobId = source.get("latest_job").get("id").asString();
		worker(post("/internal/sync-jobs/" + jobId + "/start")).andExpect(status().isOk());
		worker(put("/internal/sync-jobs/" + jobId + "/plan").contentType(MediaType.APPLICATION_JSON)
			.content("{\"total\":3,\"rejected\":[{\"item_id\":\"huge.pdf\",\"reason\":\"Too large\"}]}"))
			.andExpect(status().isOk());
		item(jobId, "a.md", "indexed");
		item(jobId, "b.md", "failed");
		// 3 of 4 items done (the rejected one included) in 30 seconds
		this.jdbc.sql("UPDATE sync_jobs SET started_at = :at WHERE id = :id")
			.param("at", Instant.now().minus(30, ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
			.param("id", UUID.fromString(jobId))
			.update();

		this.gauges.refresh();

		Map<String, Sample> running = scrape(sourceId);
		assertThat(running.values()).allSatisfy((sample) -> {
			assertThat(sample.tags()).containsEntry("kind", "full").containsEntry("type", "filesystem");
			assertThat(sample.tags()).doesNotContainKeys("owner_id", "user", "job_id");
		});
		assertThat(running.get("noterag_sync_job_percent").value()).isEqualTo(75.0);
		assertThat(running.get("noterag_sync_job_items_expected").value()).isEqualTo(4.0);
		assertThat(running.get("noterag_sync_job_items_seen").value()).isEqualTo(4.0);
		assertThat(running.get("noterag_sync_job_items_processed").value()).isEqualTo(3.0);
		assertThat(running.get("noterag_sync_job_items_failed").value()).isEqualTo(2.0);
		assertThat(running.get("noterag_sync_job_items_per_second").value()).isCloseTo(0.1, within(0.005));
		assertThat(running.get("noterag_sync_job_eta_seconds").value()).isBetween(9.0, 11.0);
		assertThat(running.get("noterag_sync_job_throttled_seconds").value()).isZero();
		// the jobs API shows the same figures
		JsonNode view = latestJob(sourceId);
		assertThat(view.get("percent").asInt()).isEqualTo(75);
		assertThat(view.get("docs_per_second").asDouble()).isCloseTo(0.1, within(0.005));
		assertThat(view.get("full").asBoolean()).isTrue();
		assertThat(scrapeAll())
			.contains("noterag_sync_jobs_active{application=\"document-service\",state=\"running\"}");

		// its source throttles: how long it still waits
		worker(put("/internal/sources/" + sourceId + "/throttle").contentType(MediaType.APPLICATION_JSON)
			.content("{\"retry_after_ms\":120000}")).andExpect(status().isOk());
		this.gauges.refresh();
		assertThat(scrape(sourceId).get("noterag_sync_job_throttled_seconds").value()).isBetween(100.0, 120.0);

		// the last item ends the job: its gauges go
		item(jobId, "c.md", "indexed");
		this.gauges.refresh();
		assertThat(scrape(sourceId)).isEmpty();

		// the next sync is incremental, and has no total before its plan
		String next = read(this.mvc
			.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isAccepted())).get("id").asString();
		worker(post("/internal/sync-jobs/" + next + "/start")).andExpect(status().isOk());
		this.gauges.refresh();
		Map<String, Sample> listing = scrape(sourceId);
		assertThat(listing.get("noterag_sync_job_percent").tags()).containsEntry("kind", "incremental");
		assertThat(listing.get("noterag_sync_job_percent").value()).isNaN();
		assertThat(listing.get("noterag_sync_job_items_expected").value()).isNaN();
		assertThat(listing.get("noterag_sync_job_eta_seconds").value()).isNaN();
		assertThat(latestJob(sourceId).get("full").asBoolean()).isFalse();

		worker(put("/internal/sync-jobs/" + next + "/plan").contentType(MediaType.APPLICATION_JSON)
			.content("{\"total\":0}")).andExpect(jsonPath("$.state").value("succeeded"));
		this.gauges.refresh();
		assertThat(scrape(sourceId)).isEmpty();
	}

	private void item(String jobId, String itemId, String outcome) throws Exception {
		worker(post("/internal/sync-jobs/" + jobId + "/items").contentType(MediaType.APPLICATION_JSON)
			.content("{\"item_id\":\"" + itemId + "\",\"outcome\":\"" + outcome + "\",\"reason\":\"scripted\"}"))
			.andExpect(status().isOk());
	}

	private ResultActions worker(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return this.mvc.perform(request.header("Authorization", bearer(worker())));
	}

	private JsonNode latestJob(String sourceId) throws Exception {
		return read(this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())).get("latest_job");
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return new tools.jackson.databind.ObjectMapper()
			.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private String scrapeAll() throws Exception {
		return this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The samples of one source's job gauges, by metric name. */
	private Map<String, Sample> scrape(String sourceId) throws Exception {
		Map<String, Sample> samples = new HashMap<>();
		for (String line : scrapeAll().split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches() || !sample.group(1).startsWith("noterag_sync_job_")) {
				continue;
			}
			Map<String, String> tags = new HashMap<>();
			for (String tag : sample.group(2).split(",")) {
				String[] pair = tag.split("=", 2);
				tags.put(pair[0], pair[1].replace("\"", ""));
			}
			if (sourceId.equals(tags.get("source_id"))) {
				samples.put(sample.group(1), new Sample(tags, Double.parseDouble(sample.group(3))));
			}
		}
		return samples;
	}

	private record Sample(Map<String, String> tags, double value) {
	}

}
