package io.noterag.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite as a user meets it: every service its own process, two replicas of each
 * stateless service behind the gateway, the sample notebook indexed through the public
 * API, questions answered with cited sources.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

	private static Suite suite;

	private static Api api;

	private static String admin;

	private static String alice;

	private static Path notebook;

	private static String sourceId;

	private static JsonNode firstJob;

	@BeforeAll
	static void startTheSuiteAndIndexTheSampleNotebook() throws Exception {
		suite = Suite.start(2);
		api = new Api(suite.gatewayUrl());
		admin = api.login("e2e-admin", "admin");
		alice = api.login("alice", "user");
		notebook = suite.copySampleNotebook("notebook");
		Api.Response created = api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "name", "Sample notebook", "config", Map.of("path", notebook.toString())));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		sourceId = created.body().get("id").asString();
		firstJob = awaitJob(sourceId);
	}

	@AfterAll
	static void stopTheSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	@Order(1)
	void shouldIndexEveryPageOfTheSampleNotebook() throws IOException {
		long files;
		try (Stream<Path> walk = Files.walk(notebook)) {
			files = walk.filter(Files::isRegularFile).count();
		}
		assertThat(firstJob.get("state").asString()).isEqualTo("succeeded");
		assertThat(firstJob.get("seen").asLong()).isEqualTo(files);
		assertThat(firstJob.get("indexed").asLong()).isEqualTo(files);
		assertThat(firstJob.get("failed").asLong()).isZero();
	}

	@Test
	@Order(2)
	void shouldAnswerWithTheOnlyPageThatMentionsTheFact() throws IOException {
		List<String> misses = new ArrayList<>();
		for (JsonNode sample : sampleQuestions()) {
			Api.Response response = api.post("/api/v2/query", alice,
					Map.of("question", sample.get("question").asString()));
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			JsonNode body = response.body();
			String expectedFile = sample.get("file").asString();
			String topUrl = body.get("sources").path(0).path("url").asString("");
			String answer = body.get("answer").asString();
			if (!topUrl.endsWith(expectedFile)
					|| !answer.toLowerCase(Locale.ROOT)
						.contains(sample.get("expected").asString().toLowerCase(Locale.ROOT))
					|| !answer.contains("[1]")) {
				misses.add(sample.get("question").asString() + " -> top " + topUrl + ", answer: " + answer);
			}
			assertThat(body.get("metadata").get("generator").asString()).isEqualTo("extractive");
			assertThat(body.get("metadata").get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
			assertThat(UUID.fromString(body.get("conversation_id").asString())).isNotNull();
		}
		assertThat(misses).as("questions whose only page was not first or whose fact was not in the answer").isEmpty();
	}

	@Test
	@Order(2)
	void shouldTestASourceThroughTheWorkerAndShowItsProgress() {
		Api.Response tested = api.post("/api/v2/admin/sources/" + sourceId + "/test", admin, Map.of());
		assertThat(tested.status()).as(tested.raw()).isEqualTo(200);
		assertThat(tested.body().get("ok").asBoolean()).as(tested.raw()).isTrue();
		assertThat(firstJob.get("total").asLong()).isEqualTo(firstJob.get("processed").asLong());
		assertThat(firstJob.get("percent").asDouble()).isEqualTo(100.0);
		Api.Response source = api.get("/api/v2/admin/sources/" + sourceId, admin);
		assertThat(source.body().get("status").asString()).isEqualTo("ok");
		assertThat(source.body().get("last_synced_at").isNull()).as(source.raw()).isFalse();
		assertThat(source.raw()).doesNotContain("\"credentials\"");
	}

	@Test
	@Order(3)
	void shouldKeepEachQuestionInAConversationOnlyItsOwnerSees() {
		Api.Response answer = api.post("/api/v2/query", alice,
				Map.of("question", sampleQuestions().get(0).get("question").asString()));
		String conversationId = answer.body().get("conversation_id").asString();
		Api.Response list = api.get("/api/v2/conversations", alice);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().get("conversations").valueStream().map((c) -> c.get("id").asString()))
			.contains(conversationId);
		Api.Response conversation = api.get("/api/v2/conversations/" + conversationId, alice);
		assertThat(conversation.body().get("conversation").get("messages").size()).isEqualTo(2);
		String bob = api.login("bob", "user");
		assertThat(api.get("/api/v2/conversations/" + conversationId, bob).status()).isEqualTo(404);
		assertThat(api.get("/api/v2/conversations", bob)
			.body()
			.get("conversations")
			.valueStream()
			.map((c) -> c.get("id").asString())).doesNotContain(conversationId);
		assertProblem(api.delete("/api/v2/conversations/" + conversationId, bob), 404);
		Api.Response afterwards = api.get("/api/v2/conversations/" + conversationId, alice);
		assertThat(afterwards.status()).as(afterwards.raw()).isEqualTo(200);
		assertThat(afterwards.body().get("conversation")).isEqualTo(conversation.body().get("conversation"));
	}

	@Test
	@Order(3)
	void shouldForgetADeletedConversationForItsOwnerAndItsFollowUps() {
		Api.Response answer = api.post("/api/v2/query", alice,
				Map.of("question", sampleQuestions().get(0).get("question").asString()));
		assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
		String conversationId = answer.body().get("conversation_id").asString();

		Api.Response deleted = api.delete("/api/v2/conversations/" + conversationId, alice);
		assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
		assertThat(deleted.body().get("success").asBoolean()).isTrue();

		assertProblem(api.get("/api/v2/conversations/" + conversationId, alice), 404);
		assertProblem(api.delete("/api/v2/conversations/" + conversationId, alice), 404);
		assertThat(api.get("/api/v2/conversations?limit=200", alice)
			.body()
			.get("conversations")
			.valueStream()
			.map((c) -> c.get("id").asString())).doesNotContain(conversationId);
		assertProblem(api.post("/api/v2/query", alice,
				Map.of("question", "and who owns it?", "conversation_id", conversationId)), 404);
		assertProblem(api.get("/api/v2/conversations/" + conversationId, alice), 404);
	}

	@Test
	@Order(3)
	void shouldAnswerFollowUpsFromTheConversationAndStreamThroughTheGateway() {
		Api.Response first = api.post("/api/v2/query", alice,
				Map.of("question", "How long do we hold the production canary during a release?"));
		assertThat(first.status()).as(first.raw()).isEqualTo(200);
		String checklist = first.body().get("sources").get(0).get("document_id").asString();
		assertThat(first.body().get("sources").get(0).get("title").asString()).containsIgnoringCase("release");
		String conversationId = first.body().get("conversation_id").asString();

		Api.Response second = api.post("/api/v2/query", alice,
				Map.of("question", "and who owns it?", "conversation_id", conversationId));
		assertThat(second.status()).as(second.raw()).isEqualTo(200);
		assertThat(second.body().get("metadata").get("standalone_question").asString()).contains("canary")
			.endsWith("and who owns it?");
		assertThat(second.body().get("sources").get(0).get("document_id").asString()).isEqualTo(checklist);

		List<Api.Event> events = api.stream("/api/v2/query/stream", alice,
				Map.of("question", "and on which days?", "conversation_id", conversationId));
		assertThat(events.stream().filter((e) -> e.name().equals("token")).count()).isGreaterThan(3);
		Api.Event done = events.get(events.size() - 1);
		assertThat(done.name()).as(events.toString()).isEqualTo("done");
		assertThat(done.data().get("conversation_id").asString()).isEqualTo(conversationId);
		assertThat(done.data().get("metadata").get("standalone_question").asString()).contains("canary");
		assertThat(events.get(events.size() - 2).data().get(0).get("document_id").asString()).isEqualTo(checklist);

		Api.Response conversation = api.get("/api/v2/conversations/" + conversationId, alice);
		assertThat(conversation.body().get("conversation").get("messages").size()).isEqualTo(6);
	}

	@Test
	@Order(4)
	void shouldCarryTheRequestIdThroughTheGatewayToEveryService() throws IOException {
		String requestId = "e2e-trace-" + UUID.randomUUID();
		Api.Response response = api.postWithRequestId("/api/v2/query", alice,
				Map.of("question", sampleQuestions().get(1).get("question").asString()), requestId);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.requestId()).isEqualTo(requestId);
		assertThat(suite.logsOf("query-service")).contains(requestId);
		assertThat(suite.logsOf("conversation-service")).contains(requestId);
		Api.Response problem = api.postWithRequestId("/api/v2/query", alice, Map.of("question", "  "), requestId);
		assertThat(problem.body().get("request_id").asString()).isEqualTo(requestId);
	}

	@Test
	@Order(5)
	void shouldRejectBadInputWithProblemDetails() {
		assertProblem(api.post("/api/v2/query", alice, Map.of("question", "   ")), 400);
		assertProblem(api.post("/api/v2/query", alice, Map.of("question", "x".repeat(1001))), 400);
		assertProblem(api.postRaw("/api/v2/query", alice, "{\"question\": \"unterminated"), 400);
		assertProblem(api.post("/api/v2/query", null, Map.of("question", "What is the failover plan?")), 401);
		assertProblem(api.post("/api/v2/query", "not-a-token", Map.of("question", "What is the failover plan?")), 401);
		assertProblem(api.post("/api/v2/admin/sources", admin,
				Map.of("type", "gopher", "config", Map.of("path", notebook.toString()))), 400);
		assertProblem(api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "config", Map.of("path", "/etc"))), 400);
		assertProblem(api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "config", Map.of("path", notebook + "/../../../../etc"))), 400);
		assertProblem(api.post("/api/v2/admin/sources", alice,
				Map.of("type", "filesystem", "config", Map.of("path", notebook.toString()))), 403);
		assertProblem(api.get("/internal/sources/" + sourceId, admin), 404);
	}

	@Test
	@Order(6)
	void shouldRecordACorruptFileAsAFailedItemAndIndexTheRest() throws Exception {
		Path folder = suite.sourcesDir().resolve("mixed");
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("good.md"),
				"# Parking\n\nVisitors park in the blue garage on level minus two, bay 31.\n");
		Files.write(folder.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a pdf".getBytes());
		Api.Response created = api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "config", Map.of("path", folder.toString())));
		assertThat(created.status()).isEqualTo(201);
		JsonNode job = awaitJob(created.body().get("id").asString());
		assertThat(job.get("state").asString()).isEqualTo("completed_with_errors");
		assertThat(job.get("indexed").asLong()).isEqualTo(1);
		assertThat(job.get("failed").asLong()).isEqualTo(1);
		assertThat(job.get("failures").get(0).get("item").asString()).contains("broken.pdf");
		Api.Response answer = api.post("/api/v2/query", alice, Map.of("question", "Where do visitors park?"));
		assertThat(answer.body().get("answer").asString()).contains("blue garage");
	}

	@Test
	@Order(7)
	void shouldStoreAnUploadedImageWithAThumbnail() throws IOException {
		Api.Response documents = api.get("/api/v2/documents?limit=1", alice);
		assertThat(documents.status()).as(documents.raw()).isEqualTo(200);
		String documentId = documents.body().get("documents").get(0).get("id").asString();
		BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		Api.Response uploaded = api.upload("/api/v2/images/upload", alice, "whiteboard.png", png.toByteArray(),
				Map.of("document_id", documentId));
		assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
		JsonNode stored = uploaded.body().get("image");
		assertThat(stored.get("dimensions").get("width").asInt()).isEqualTo(640);
		assertThat(stored.get("dimensions").get("height").asInt()).isEqualTo(480);
		assertThat(stored.get("thumbnail_dimensions").get("width").asInt()).isEqualTo(300);
		assertThat(stored.get("thumbnail_dimensions").get("height").asInt()).isEqualTo(225);
	}

	@Test
	@Order(8)
	void shouldReindexOnlyWhatChangedAndForgetDeletedPages() throws Exception {
		List<JsonNode> samples = sampleQuestions();
		JsonNode removed = samples.get(samples.size() - 1);
		Path removedFile = notebook.resolve(removed.get("file").asString());
		Files.delete(removedFile);
		Path edited = notebook.resolve(samples.get(0).get("file").asString());
		Files.writeString(edited, Files.readString(edited)
				+ "\n\nThe Zanzibar staging gateway listens on port 4917 since the November change.\n");
		Api.Response sync = api.post("/api/v2/admin/sources/" + sourceId + "/sync", admin, Map.of());
		assertThat(sync.status()).as(sync.raw()).isEqualTo(202);
		JsonNode job = awaitJob(sourceId);
		assertThat(job.get("state").asString()).isEqualTo("succeeded");
		assertThat(job.get("indexed").asLong()).isEqualTo(1);
		assertThat(job.get("deleted").asLong()).isEqualTo(1);
		assertThat(job.get("skipped_unchanged").asLong()).isEqualTo(firstJob.get("seen").asLong() - 2);
		// readers see a finished job's commit within their refresh interval (100 ms)
		JsonNode fresh = askUntil("Which port does the Zanzibar staging gateway listen on?",
				(body) -> body.get("answer").asString().contains("4917"));
		assertThat(fresh.get("answer").asString()).contains("4917");
		JsonNode gone = askUntil(removed.get("question").asString(),
				(body) -> body.get("sources")
					.valueStream()
					.noneMatch((s) -> s.path("url").asString("").endsWith(removed.get("file").asString())));
		assertThat(gone.get("sources").valueStream().map((s) -> s.path("url").asString("")))
			.noneMatch((url) -> url.endsWith(removed.get("file").asString()));
	}

	@Test
	@Order(9)
	void shouldKeepAnsweringWhenAReplicaOfEachStatelessServiceStops() throws InterruptedException {
		for (String service : List.of("query-service", "conversation-service")) {
			suite.stop(suite.instances(service).get(1));
		}
		for (int i = 0; i < 4; i++) {
			Api.Response response = api.post("/api/v2/query", alice,
					Map.of("question", sampleQuestions().get(i % 2).get("question").asString()));
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
		}
	}

	private static JsonNode askUntil(String question, java.util.function.Predicate<JsonNode> done)
			throws InterruptedException {
		long deadline = System.nanoTime() + 3_000_000_000L;
		while (true) {
			Api.Response response = api.post("/api/v2/query", alice, Map.of("question", question));
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			if (done.test(response.body()) || System.nanoTime() > deadline) {
				return response.body();
			}
			Thread.sleep(100);
		}
	}

	private static void assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.isProblem()).as("problem+json: " + response.contentType()).isTrue();
		assertThat(response.body().get("request_id").asString()).isNotBlank();
		assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static List<JsonNode> sampleQuestions() {
		try {
			JsonNode all = Api.JSON.readTree(suite.projectRoot().resolve("docs/sample-questions.json").toFile());
			return all.valueStream().toList();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("docs/sample-questions.json is unreadable", ex);
		}
	}

	private static JsonNode awaitJob(String source) throws InterruptedException {
		return api.awaitJob(admin, source);
	}

}
