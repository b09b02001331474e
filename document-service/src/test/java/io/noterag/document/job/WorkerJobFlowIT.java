package io.noterag.document.job;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;
import io.noterag.shared.vector.ChunkIds;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the indexing worker does with a job and its documents, through the internal API.
 */
class WorkerJobFlowIT extends DocumentServiceIntegrationTest {

	@Test
	void shouldTakeAJobFromQueuedThroughRunningToCompletedWithErrors() throws Exception {
		UUID ownerId = UUID.randomUUID();
		JsonNode source = new TestSources(this.mvc).create(ownerId, "flow", "");
		String sourceId = source.get("id").asString();
		String jobId = source.get("latest_job").get("id").asString();

		this.mvc.perform(get("/internal/sources/" + sourceId).header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("filesystem"))
			.andExpect(jsonPath("$.config.path").value(source.get("config").get("path").asString()))
			.andExpect(jsonPath("$.owner_id").value(ownerId.toString()))
			.andExpect(jsonPath("$.principals[0]").value("user:" + ownerId))
			.andExpect(jsonPath("$.principals[1]").value("group:everyone"));

		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/progress").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"seen\":1}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("has not been started")));
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("running"))
			.andExpect(jsonPath("$.started_at").isNotEmpty());
		// a redelivered message starts it again: same job, still running
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("running"));

		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/progress").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"seen":3,"indexed":1,"skipped_unchanged":0,"deleted":0,"failed":1,
						 "failures":[{"item":"broken.pdf","reason":"Not a PDF: truncated file"}]}
						"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.seen").value(3))
			.andExpect(jsonPath("$.failures[0].item").value("broken.pdf"));
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("running"))
			.andExpect(jsonPath("$.latest_job.seen").value(3))
			.andExpect(jsonPath("$.latest_job.failed").value(1));

		String first = ChunkIds.documentId(sourceId, "notes/first.md");
		this.mvc
			.perform(put("/internal/documents/" + first).header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + sourceId + "\",\"source_type\":\"filesystem\","
						+ "\"source_id\":\"notes/first.md\",\"title\":\"First\",\"content_type\":\"text/markdown\","
						+ "\"url\":\"file:///notes/first.md\",\"created_at\":\"2024-01-02T03:04:05Z\","
						+ "\"modified_at\":\"2024-02-03T04:05:06Z\",\"content_hash\":\"sha256:aaa\","
						+ "\"tags\":[\"ops\"],\"metadata\":{\"headings\":[\"Intro\"]},\"chunk_count\":4}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(first))
			.andExpect(jsonPath("$.chunk_count").value(4))
			.andExpect(jsonPath("$.indexed_at").isNotEmpty());
		// the same document again, changed: one row, new values
		this.mvc.perform(put("/internal/documents/" + first).header("Authorization", bearer(worker()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"data_source_id\":\"" + sourceId + "\",\"source_type\":\"filesystem\","
					+ "\"source_id\":\"notes/first.md\",\"title\":\"First, revised\","
					+ "\"modified_at\":\"2024-03-01T00:00:00Z\",\"content_hash\":\"sha256:bbb\",\"chunk_count\":5}"))
			.andExpect(status().isOk());
		String second = new TestSources(this.mvc).upsert(sourceId, "notes/second.md",
				"\"content_hash\":\"sha256:ccc\"");

		this.mvc.perform(get("/internal/sources/" + sourceId + "/documents").header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].id").value(first))
			.andExpect(jsonPath("$[0].source_id").value("notes/first.md"))
			.andExpect(jsonPath("$[0].content_hash").value("sha256:bbb"))
			.andExpect(jsonPath("$[0].modified_at").value("2024-03-01T00:00:00Z"))
			.andExpect(jsonPath("$[1].id").value(second));
		this.mvc.perform(get("/internal/documents/" + first).header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.title").value("First, revised"))
			.andExpect(jsonPath("$.chunk_count").value(5))
			.andExpect(jsonPath("$.tags").isEmpty());

		this.mvc.perform(delete("/internal/documents/" + second).header("Authorization", bearer(worker())))
			.andExpect(status().isNoContent());
		this.mvc.perform(delete("/internal/documents/" + second).header("Authorization", bearer(worker())))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/internal/documents/" + second).header("Authorization", bearer(worker())))
			.andExpect(status().isNotFound());

		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"state":"completed_with_errors","seen":3,"indexed":2,"skipped_unchanged":0,"deleted":1,
						 "failed":1,"failures":[{"item":"broken.pdf","reason":"Not a PDF: truncated file"}]}
						"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("completed_with_errors"))
			.andExpect(jsonPath("$.finished_at").isNotEmpty());
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.latest_job.state").value("completed_with_errors"))
			.andExpect(jsonPath("$.latest_job.indexed").value(2))
			.andExpect(jsonPath("$.latest_job.deleted").value(1))
			.andExpect(jsonPath("$.latest_job.failures[0].reason").value("Not a PDF: truncated file"));

		// a finished job refuses start, progress and finish alike
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already finished")));
		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/progress").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"seen\":9}"))
			.andExpect(status().isConflict());
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"succeeded\"}"))
			.andExpect(status().isConflict());
	}

	@Test
	void shouldRefuseToFinishAJobWithAStateThatIsNotFinal() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "not-final", "");
		String jobId = source.get("latest_job").get("id").asString();
		this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"running\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("succeeded, completed_with_errors, failed")));
		this.mvc.perform(
				post("/internal/sync-jobs/" + UUID.randomUUID() + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isNotFound());
	}

	@Test
	void shouldRefuseADocumentWhoseIdIsNotItsDeterministicIdOrWhoseSourceIsGone() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "ids", "");
		String sourceId = source.get("id").asString();
		this.mvc
			.perform(put("/internal/documents/" + UUID.randomUUID()).header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + sourceId
						+ "\",\"source_type\":\"filesystem\",\"source_id\":\"a.md\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString(ChunkIds.documentId(sourceId, "a.md"))));
		String orphanSource = UUID.randomUUID().toString();
		this.mvc
			.perform(put("/internal/documents/" + ChunkIds.documentId(orphanSource, "a.md"))
				.header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + orphanSource
						+ "\",\"source_type\":\"filesystem\",\"source_id\":\"a.md\"}"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(put("/internal/documents/" + ChunkIds.documentId(sourceId, "a.md"))
				.header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + sourceId + "\",\"source_type\":\"filesystem\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid request"));
	}

}
