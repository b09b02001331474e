package io.noterag.document.job;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestSources;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The items whose last report was a failure, which the worker tries again on the next
 * incremental sync, until a job reports them indexed, unchanged or deleted.
 */
class FailedItemsIT extends DocumentServiceIntegrationTest {

	@Test
	void shouldListTheItemsWhoseMostRecentReportFailedUntilALaterJobIndexesOrDeletesThem() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "failing", "");
		String sourceId = source.get("id").asString();
		String first = start(source.get("latest_job").get("id").asString());
		plan(first, "{\"total\":4,\"rejected\":[{\"item_id\":\"huge.pdf\",\"reason\":\"too large\"}]}");
		item(first, "a.md", "failed", "Timed out");
		item(first, "b.pdf", "failed", "Encrypted PDF");
		item(first, "c.md", "failed", "Timed out");
		item(first, "d.md", "indexed", null).andExpect(jsonPath("$.state").value("completed_with_errors"));

		// rejected items are not listed: the plugin rejects them again when they change
		failedItems(sourceId, "").andExpect(status().isOk())
			.andExpect(jsonPath("$[*].item_id", containsInAnyOrder("a.md", "b.pdf", "c.md")))
			.andExpect(jsonPath("$[?(@.item_id == 'b.pdf')].reason").value("Encrypted PDF"))
			.andExpect(jsonPath("$[?(@.item_id == 'b.pdf')].job_id").value(first))
			.andExpect(jsonPath("$[?(@.item_id == 'b.pdf')].failures").value(1));

		// the next incremental sync tries them again: one is indexed, one gone, one
		// fails once more
		String second = sync(sourceId);
		plan(second, "{\"total\":4}");
		item(second, "a.md", "indexed", null);
		item(second, "c.md", "deleted", null);
		item(second, "b.pdf", "failed", "Still encrypted");
		item(second, "e.md", "skipped_unchanged", null).andExpect(jsonPath("$.state").value("completed_with_errors"));

		failedItems(sourceId, "").andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].item_id").value("b.pdf"))
			.andExpect(jsonPath("$[0].reason").value("Still encrypted"))
			.andExpect(jsonPath("$[0].job_id").value(second))
			.andExpect(jsonPath("$[0].failures").value(2))
			.andExpect(jsonPath("$[0].failed_at").isNotEmpty());

		String third = sync(sourceId);
		plan(third, "{\"total\":1}");
		item(third, "b.pdf", "skipped_unchanged", null).andExpect(jsonPath("$.state").value("succeeded"));
		failedItems(sourceId, "").andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void shouldListTheLeastRecentlyTriedFirstWithinTheLimit() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "failing-many", "");
		String sourceId = source.get("id").asString();
		String jobId = start(source.get("latest_job").get("id").asString());
		plan(jobId, "{\"total\":3}");
		item(jobId, "1.md", "failed", "x");
		item(jobId, "2.md", "failed", "x");
		item(jobId, "3.md", "failed", "x");

		failedItems(sourceId, "?limit=2").andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].item_id").value("1.md"))
			.andExpect(jsonPath("$[1].item_id").value("2.md"));
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownSourceAndRefuseAWrongLimit() throws Exception {
		failedItems(UUID.randomUUID().toString(), "").andExpect(status().isNotFound());
		String sourceId = new TestSources(this.mvc).create(UUID.randomUUID(), "failing-none", "").get("id").asString();
		failedItems(sourceId, "").andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
		failedItems(sourceId, "?limit=0").andExpect(status().isBadRequest());
		failedItems(sourceId, "?limit=10001").andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/internal/sources/" + sourceId + "/failed-items").header("Authorization", bearer(admin())))
			.andExpect(status().isForbidden());
	}

	private String start(String jobId) throws Exception {
		this.mvc.perform(post("/internal/sync-jobs/" + jobId + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		return jobId;
	}

	private String sync(String sourceId) throws Exception {
		this.mvc.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isAccepted());
		String jobId = this.jdbc
			.sql("SELECT id FROM sync_jobs WHERE data_source_id = :id ORDER BY created_at DESC LIMIT 1")
			.param("id", UUID.fromString(sourceId))
			.query(UUID.class)
			.single()
			.toString();
		return start(jobId);
	}

	private void plan(String jobId, String plan) throws Exception {
		this.mvc
			.perform(put("/internal/sync-jobs/" + jobId + "/plan").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(plan))
			.andExpect(status().isOk());
	}

	private ResultActions item(String jobId, String itemId, String outcome, String reason) throws Exception {
		String body = "{\"item_id\":\"" + itemId + "\",\"outcome\":\"" + outcome + "\""
				+ ((reason != null) ? ",\"reason\":\"" + reason + "\"" : "") + "}";
		return this.mvc
			.perform(post("/internal/sync-jobs/" + jobId + "/items").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk());
	}

	private ResultActions failedItems(String sourceId, String query) throws Exception {
		return this.mvc.perform(get("/internal/sources/" + sourceId + "/failed-items" + query).header("Authorization",
				bearer(worker())));
	}

}
