package io.noterag.document.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.TestFolders;
import io.noterag.shared.messaging.DataSourceDeleted;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.test.TestTokens;
import io.noterag.shared.vector.ChunkIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SourceApiIT extends DocumentServiceIntegrationTest {

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private JsonMapper json;

	@Test
	void shouldStoreSourceJobAndOutboxRowInOneGoAndPublishTheSyncRequest() throws Exception {
		UUID adminId = UUID.randomUUID();
		Path folder = TestFolders.newFolder("notebook");

		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin(adminId)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"filesystem\",\"config\":{\"path\":\"" + folder + "\"}}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/v2/admin/sources/")))
			.andExpect(jsonPath("$.type").value("filesystem"))
			.andExpect(jsonPath("$.name").value(folder.getFileName().toString()))
			.andExpect(jsonPath("$.config.path").value(folder.toString()))
			.andExpect(jsonPath("$.owner_id").value(adminId.toString()))
			.andExpect(jsonPath("$.created_at").isNotEmpty())
			.andExpect(jsonPath("$.latest_job.state").value("queued"))
			.andExpect(jsonPath("$.latest_job.seen").value(0))
			.andExpect(jsonPath("$.latest_job.skipped_unchanged").value(0))
			.andExpect(jsonPath("$.latest_job.failures").isEmpty())
			.andReturn();
		JsonNode source = this.json.readTree(result.getResponse().getContentAsString());
		UUID sourceId = UUID.fromString(source.get("id").asString());
		UUID jobId = UUID.fromString(source.get("latest_job").get("id").asString());

		Map<String, Object> job = this.jdbc
			.sql("SELECT data_source_id, state, outbox_id, created_at FROM sync_jobs WHERE id = :id")
			.param("id", jobId)
			.query()
			.singleRow();
		assertThat(job).containsEntry("data_source_id", sourceId).containsEntry("state", "queued");
		UUID outboxId = (UUID) job.get("outbox_id");
		Map<String, Object> outbox = this.jdbc
			.sql("SELECT routing_key, payload->>'job_id' AS job_id, payload->>'data_source_id' AS source_id "
					+ "FROM outbox WHERE id = :id")
			.param("id", outboxId)
			.query()
			.singleRow();
		assertThat(outbox).containsEntry("routing_key", Topology.SYNC_REQUESTED)
			.containsEntry("job_id", jobId.toString())
			.containsEntry("source_id", sourceId.toString());

		Message message = receive(Topology.SYNC_QUEUE, "job_id", jobId.toString());
		JsonNode body = this.json.readTree(message.getBody());
		assertThat(body.get("data_source_id").asString()).isEqualTo(sourceId.toString());
		assertThat(body.get("source_type").asString()).isEqualTo("filesystem");
		assertThat(body.get("requested_at").asString()).isNotBlank();
		assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(message.getMessageProperties().getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
		assertThat(message.getMessageProperties().getMessageId()).isEqualTo(outboxId.toString());
		awaitPublished(outboxId);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forbiddenPaths")
	void shouldRefuseAPathThatIsNotAnAllowedFolderNamingTheProblem(String what, String path, String problem)
			throws Exception {
		long sourcesBefore = countSources();
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("type", "filesystem", "config", Map.of("path", path)))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(problem)))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
		assertThat(countSources()).isEqualTo(sourcesBefore);
	}

	static Stream<Arguments> forbiddenPaths() {
		Path root = TestFolders.root();
		return Stream.of(
				Arguments.of("outside the roots", TestFolders.outside().toString(), "outside the allowed roots"),
				Arguments.of("'..' escape", root + "/../outside", "outside the allowed roots"),
				Arguments.of("symlink escape", TestFolders.escapingLink().toString(), "outside the allowed roots"),
				Arguments.of("relative", "docs/notes", "must be absolute"),
				Arguments.of("missing", root + "/no-such-folder", "does not exist"),
				Arguments.of("a file", root + "/a-file.md", "is not a folder"),
				Arguments.of("blank", " ", "needs 'path'"));
	}

	@Test
	void shouldRefuseAnUnknownSourceTypeNamingTheSupportedOnes() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"dropbox\",\"config\":{\"path\":\"" + TestFolders.root() + "\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Unknown source type 'dropbox'")))
			.andExpect(jsonPath("$.detail", containsString("filesystem")))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	@Test
	void shouldRefuseAMalformedBody() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"filesystem\",\"config\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed request body"))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	@Test
	void shouldRefuseASourceWithoutConfig() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"filesystem\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.config").isNotEmpty());
	}

	@Test
	void shouldAskForATokenWhenThereIsNone() throws Exception {
		this.mvc.perform(get("/api/v2/admin/sources"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("bearer token is required")));
	}

	@Test
	void shouldForbidSourcesToUsersAndViewers() throws Exception {
		Path folder = TestFolders.newFolder("forbidden");
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(TestTokens.newUser("user")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"filesystem\",\"config\":{\"path\":\"" + folder + "\"}}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
		this.mvc.perform(get("/api/v2/admin/sources").header("Authorization", bearer(TestTokens.newUser("viewer"))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/internal/sources/" + UUID.randomUUID()).header("Authorization",
				bearer(TestTokens.newUser("admin"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void shouldRefuseASecondSyncWhileOneIsQueuedOrRunningWithoutWritingAnything() throws Exception {
		JsonNode source = createSource("busy");
		String sourceId = source.get("id").asString();
		String firstJob = source.get("latest_job").get("id").asString();
		long outboxRows = countOutboxRowsOf(sourceId);

		this.mvc.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already queued")));
		this.mvc.perform(post("/internal/sync-jobs/" + firstJob + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already running")));
		assertThat(countOutboxRowsOf(sourceId)).isEqualTo(outboxRows);

		this.mvc
			.perform(post("/internal/sync-jobs/" + firstJob + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"succeeded\",\"seen\":1,\"indexed\":1}"))
			.andExpect(status().isOk());
		MvcResult second = this.mvc
			.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.state").value("queued"))
			.andExpect(jsonPath("$.source_id").value(sourceId))
			.andReturn();
		String secondJob = this.json.readTree(second.getResponse().getContentAsString()).get("id").asString();
		assertThat(countOutboxRowsOf(sourceId)).isEqualTo(outboxRows + 1);
		receive(Topology.SYNC_QUEUE, "job_id", secondJob);

		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId + "/jobs").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.jobs[0].id").value(secondJob))
			.andExpect(jsonPath("$.jobs[1].id").value(firstJob))
			.andExpect(jsonPath("$.jobs[1].state").value("succeeded"))
			.andExpect(jsonPath("$.jobs[1].indexed").value(1));
		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.latest_job.id").value(secondJob));
	}

	@Test
	void shouldQueueOnlyOneOfTwoSyncsRequestedAtTheSameTime() throws Exception {
		JsonNode source = createSource("race");
		String sourceId = source.get("id").asString();
		String firstJob = source.get("latest_job").get("id").asString();
		this.mvc
			.perform(post("/internal/sync-jobs/" + firstJob + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"failed\",\"error\":\"folder unreadable\"}"))
			.andExpect(status().isOk());
		String token = admin();
		Callable<Integer> sync = () -> this.mvc
			.perform(post("/api/v2/admin/sources/" + sourceId + "/sync").header("Authorization", bearer(token)))
			.andReturn()
			.getResponse()
			.getStatus();
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> one = replicas.submit(sync);
			Future<Integer> two = replicas.submit(sync);
			assertThat(List.of(one.get(), two.get())).containsExactlyInAnyOrder(202, 409);
		}
		finally {
			replicas.shutdown();
		}
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM sync_jobs WHERE data_source_id = :id AND state IN ('queued', 'running')")
			.param("id", UUID.fromString(sourceId))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(countOutboxRowsOf(sourceId)).isEqualTo(2);
	}

	@Test
	void shouldListSourcesNewestFirstWithTheirLatestJob() throws Exception {
		JsonNode older = createSource("older");
		JsonNode newer = createSource("newer");
		MvcResult result = this.mvc
			.perform(get("/api/v2/admin/sources?limit=200").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andReturn();
		JsonNode list = this.json.readTree(result.getResponse().getContentAsString());
		assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(2);
		int olderAt = -1;
		int newerAt = -1;
		for (int i = 0; i < list.get("sources").size(); i++) {
			JsonNode source = list.get("sources").get(i);
			if (source.get("id").equals(older.get("id"))) {
				olderAt = i;
				assertThat(source.get("latest_job").get("id")).isEqualTo(older.get("latest_job").get("id"));
			}
			if (source.get("id").equals(newer.get("id"))) {
				newerAt = i;
			}
		}
		assertThat(newerAt).isNotNegative().isLessThan(olderAt);
		this.mvc.perform(get("/api/v2/admin/sources/" + UUID.randomUUID()).header("Authorization", bearer(admin())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void shouldDeleteASourceWithItsDocumentsAndAnnounceIt() throws Exception {
		JsonNode source = createSource("doomed");
		String sourceId = source.get("id").asString();
		String documentId = ChunkIds.documentId(sourceId, "page.md");
		this.mvc
			.perform(put("/internal/documents/" + documentId).header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + sourceId
						+ "\",\"source_type\":\"filesystem\",\"source_id\":\"page.md\",\"title\":\"Page\"}"))
			.andExpect(status().isOk());

		this.mvc.perform(delete("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.success").value(true));

		this.mvc.perform(get("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/internal/documents/" + documentId).header("Authorization", bearer(worker())))
			.andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("SELECT count(*) FROM sync_jobs WHERE data_source_id = :id")
			.param("id", UUID.fromString(sourceId))
			.query(Long.class)
			.single()).isZero();
		Message message = receive(Topology.SOURCE_DELETED_QUEUE, "data_source_id", sourceId);
		assertThat(this.json.readTree(message.getBody()).get("deleted_at").asString()).isNotBlank();
		this.mvc.perform(delete("/api/v2/admin/sources/" + sourceId).header("Authorization", bearer(admin())))
			.andExpect(status().isNotFound());
	}

	private JsonNode createSource(String name) throws Exception {
		Path folder = TestFolders.newFolder(name);
		MvcResult result = this.mvc
			.perform(
					post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"type\":\"filesystem\",\"name\":\"" + name + "\",\"config\":{\"path\":\"" + folder
								+ "\"}}"))
			.andExpect(status().isCreated())
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString());
	}

	/**
	 * The relay marks the row published when its transaction commits, just after sending.
	 */
	private void awaitPublished(UUID outboxId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (this.jdbc.sql("SELECT published_at IS NOT NULL FROM outbox WHERE id = :id")
				.param("id", outboxId)
				.query(Boolean.class)
				.single()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Outbox row " + outboxId + " was never marked published");
	}

	private long countSources() {
		return this.jdbc.sql("SELECT count(*) FROM data_sources").query(Long.class).single();
	}

	private long countOutboxRowsOf(String sourceId) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE payload->>'data_source_id' = :id")
			.param("id", sourceId)
			.query(Long.class)
			.single();
	}

	/**
	 * Takes messages from a queue until the one whose field has the value arrives; other
	 * tests' messages may come first.
	 */
	private Message receive(String queue, String field, String value) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			Message message = this.rabbit.receive(queue, 1000);
			if (message != null) {
				JsonNode body = this.json.readTree(message.getBody());
				if (body.has(field) && value.equals(body.get(field).asString())) {
					return message;
				}
			}
		}
		throw new AssertionError("No message with " + field + "=" + value + " arrived on " + queue);
	}

}
