package io.noterag.document.job;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Workers report a source that throttles; every worker reads it back, and the jobs API
 * shows until when the job's items wait.
 */
class ThrottledSourcesIT extends DocumentServiceIntegrationTest {

	@Test
	void shouldKeepTheLongestWaitReportedShowItOnTheJobAndListItForEveryWorker() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "throttling", "");
		String sourceId = source.get("id").asString();
		String jobId = source.get("latest_job").get("id").asString();
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());

		Instant before = Instant.now();
		JsonNode first = read(report(sourceId, 600_000).andExpect(status().isOk()));
		Instant until = Instant.parse(first.get("throttled_until").asString());
		assertThat(until).isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));
		assertThat(first.get("retry_after_ms").asLong()).isBetween(590_000L, 600_000L);
		// another worker is told to wait less: the longer wait stays
		JsonNode second = read(report(sourceId, 1_000).andExpect(status().isOk()));
		assertThat(Instant.parse(second.get("throttled_until").asString())).isEqualTo(until);

		JsonNode listed = find(
				read(this.mvc.perform(get("/internal/throttled-sources").header("Authorization", bearer(worker())))
					.andExpect(status().isOk())),
				sourceId);
		assertThat(listed).isNotNull();
		assertThat(Instant.parse(listed.get("throttled_until").asString())).isEqualTo(until);
		assertThat(listed.get("retry_after_ms").asLong()).isBetween(590_000L, 600_000L);
		JsonNode job = read(this.mvc
			.perform(get("/api/v2/admin/sources/" + sourceId + "/jobs").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())).get("jobs").get(0);
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(Instant.parse(job.get("throttled_until").asString())).isEqualTo(until);

		// the job ends (here: the worker fails it): nothing waits any more
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"failed\",\"error\":\"given up\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.throttled_until").isEmpty());
		assertThat(find(
				read(this.mvc.perform(get("/internal/throttled-sources").header("Authorization", bearer(worker())))),
				sourceId))
			.isNull();
		// with no job to hold it, a report is answered without a wait
		report(sourceId, 60_000).andExpect(status().isOk())
			.andExpect(jsonPath("$.throttled_until").isEmpty())
			.andExpect(jsonPath("$.retry_after_ms").value(0));
	}

	@Test
	void shouldRefuseReportsOfUnknownSourcesMeaninglessWaitsAndCallersOtherThanServices() throws Exception {
		String sourceId = new TestSources(this.mvc).create(UUID.randomUUID(), "throttle-checks", "")
			.get("id")
			.asString();
		report(UUID.randomUUID().toString(), 1_000).andExpect(status().isNotFound());
		report(sourceId, 0).andExpect(status().isBadRequest());
		report(sourceId, Duration.ofDays(2).toMillis()).andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/internal/sources/" + sourceId + "/throttle").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/internal/sources/" + sourceId + "/throttle").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"retry_after_ms\":1000}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/internal/throttled-sources")).andExpect(status().isUnauthorized());
	}

	private ResultActions report(String sourceId, long retryAfterMs) throws Exception {
		return this.mvc
			.perform(put("/internal/sources/" + sourceId + "/throttle").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"retry_after_ms\":" + retryAfterMs + "}"));
	}

	private static JsonNode find(JsonNode throttles, String sourceId) {
		for (JsonNode throttle : throttles) {
			if (sourceId.equals(throttle.get("source_id").asString())) {
				return throttle;
			}
		}
		return null;
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return new tools.jackson.databind.ObjectMapper()
			.readTree(result.andReturn().getResponse().getContentAsString());
	}

}
