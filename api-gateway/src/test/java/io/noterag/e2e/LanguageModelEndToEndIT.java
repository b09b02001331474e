package io.noterag.e2e;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.noterag.shared.chat.LocalOpenAiServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation answered by a language model, through the gateway: every service its own
 * process, query-service configured with one OpenAI-compatible provider, a local server
 * that speaks OpenAI's chat-completions protocol (streaming included). A client that
 * leaves a streamed answer half way stops the model's stream and stores nothing.
 */
class LanguageModelEndToEndIT {

	private static final String GENERATOR = "openai:" + LocalOpenAiServer.MODEL;

	private static LocalOpenAiServer model;

	private static Suite suite;

	private static Api api;

	private static String alice;

	@BeforeAll
	static void startTheSuiteWithALanguageModel() throws Exception {
		model = new LocalOpenAiServer();
		model.pause(java.time.Duration.ofMillis(40));
		String llm = Api.JSON.writeValueAsString(Map.of("noterag", Map.of("llm", Map.of("providers",
				List.of(Map.of("type", "openai", "model", LocalOpenAiServer.MODEL, "base-url", model.baseUrl(),
						"api-key", LocalOpenAiServer.API_KEY, "timeout", "10s", "max-retries", 0)),
				"cache", Map.of("enabled", false), "prices",
				Map.of(LocalOpenAiServer.MODEL, Map.of("input-per-million", 0.15, "output-per-million", 0.6))))));
		suite = Suite.start("llm", 1, Map.of("query-service", Map.of("SPRING_APPLICATION_JSON", llm)));
		api = new Api(suite.gatewayUrl());
		String admin = api.login("e2e-admin", "admin");
		alice = api.login("alice", "user");
		Path notebook = suite.copySampleNotebook("notebook");
		Api.Response created = api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "config", Map.of("path", notebook.toString())));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(api.awaitJob(admin, created.body().get("id").asString()).get("state").asString())
			.isEqualTo("succeeded");
	}

	@AfterAll
	static void stop() {
		if (suite != null) {
			suite.close();
		}
		if (model != null) {
			model.close();
		}
	}

	@Test
	void shouldHoldAThreeTurnConversationWithTheModelAndStreamTheLastAnswerPieceByPiece() throws InterruptedException {
		Api.Response first = api.post("/api/v2/query", alice,
				Map.of("question", "How long do we hold the production canary during a release?"));
		assertThat(first.status()).as(first.raw()).isEqualTo(200);
		JsonNode answered = first.body();
		String conversationId = answered.get("conversation_id").asString();
		String checklist = answered.get("sources").get(0).get("document_id").asString();
		assertThat(answered.get("sources").get(0).get("title").asString()).containsIgnoringCase("release");
		assertThat(answered.get("answer").asString()).startsWith("According to the notes: ")
			.contains("[1]")
			.doesNotContain("[7]");
		assertThat(answered.get("metadata").get("generator").asString()).isEqualTo(GENERATOR);
		assertThat(answered.get("metadata").get("degraded").asBoolean()).isFalse();
		assertThat(answered.get("metadata").get("removed_citations").get(0).asInt()).isEqualTo(7);

		// the second turn means nothing alone: the model rewrites it with the first
		Api.Response second = api.post("/api/v2/query", alice,
				Map.of("question", "and who owns it?", "conversation_id", conversationId));
		assertThat(second.status()).as(second.raw()).isEqualTo(200);
		assertThat(second.body().get("metadata").get("standalone_question").asString())
			.isEqualTo("Who owns it, regarding: How long do we hold the production canary during a release?");
		assertThat(second.body().get("sources").get(0).get("document_id").asString()).isEqualTo(checklist);
		assertThat(second.body().get("metadata").get("generator").asString()).isEqualTo(GENERATOR);
		JsonNode answerPrompt = model.lastRequest("answer").get("messages");
		assertThat(answerPrompt.get(1).get("content").asString())
			.isEqualTo("How long do we hold the production canary during a release?");

		// the third is streamed through the gateway as the model writes it
		List<Api.Event> events = api.stream("/api/v2/query/stream", alice,
				Map.of("question", "and on which days?", "conversation_id", conversationId));
		List<Api.Event> tokens = events.stream().filter((e) -> e.name().equals("token")).toList();
		Api.Event done = events.get(events.size() - 1);
		assertThat(done.name()).as(events.toString()).isEqualTo("done");
		assertThat(tokens).hasSizeGreaterThan(5);
		long spreadMs = (tokens.get(tokens.size() - 1).receivedNanos() - tokens.get(0).receivedNanos()) / 1_000_000;
		assertThat(spreadMs).as("the pieces arrive as the model writes them, 40 ms apart, not all at the end")
			.isGreaterThan(40L * (tokens.size() - 2));
		assertThat(done.data().get("conversation_id").asString()).isEqualTo(conversationId);
		assertThat(done.data().get("metadata").get("generator").asString()).isEqualTo(GENERATOR);
		assertThat(done.data().get("metadata").get("standalone_question").asString()).startsWith("On which days")
			.contains("canary");
		assertThat(events.get(events.size() - 2).data().get(0).get("document_id").asString()).isEqualTo(checklist);

		JsonNode conversation = api.get("/api/v2/conversations/" + conversationId, alice).body().get("conversation");
		JsonNode messages = conversation.get("messages");
		assertThat(messages).hasSize(6);
		for (int i = 1; i < 6; i += 2) {
			assertThat(messages.get(i).get("tokens_used").asInt()).as("tokens of answer " + i)
				.isGreaterThan(LocalOpenAiServer.PROMPT_TOKENS);
			assertThat(messages.get(i).get("cost_usd").asDouble()).isPositive();
			assertThat(messages.get(i).get("metadata").get("generator").asString()).isEqualTo(GENERATOR);
		}
		assertThat(awaitTitle(conversationId, "Long hold production canary during"))
			.isEqualTo("Long hold production canary during");
	}

	@Test
	void shouldStopTheModelAndStoreNothingWhenTheClientLeavesAStreamedAnswerHalfWay() throws Exception {
		Api.Response created = api.post("/api/v2/conversations", alice, Map.of());
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String conversationId = created.body().get("conversation").get("id").asString();
		int abandoned = model.abandonedStreams();
		int answers = model.requests("answer").size();
		model.pause(Duration.ofMillis(300));
		try {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpRequest request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v2/query/stream"))
				.header("Authorization", "Bearer " + alice)
				.header("Content-Type", "application/json")
				.header("Accept", "text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
						Map.of("question", "How long do we hold the production canary during a release?",
								"conversation_id", conversationId))))
				.build();
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			int tokens = 0;
			// three pieces of the answer, then the client goes away
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null && tokens < 3; line = lines.readLine()) {
					if (line.startsWith("event:token")) {
						tokens++;
					}
				}
			}
			assertThat(tokens).isEqualTo(3);

			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (model.abandonedStreams() == abandoned && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(model.abandonedStreams())
				.as("the model's streaming response was cancelled: its connection closed")
				.isGreaterThan(abandoned);
			assertThat(model.requests("answer")).hasSize(answers + 1);
		}
		finally {
			model.pause(Duration.ofMillis(40));
		}
		Thread.sleep(1000);
		JsonNode conversation = api.get("/api/v2/conversations/" + conversationId, alice).body().get("conversation");
		assertThat(conversation.get("messages")).as("no half turn is stored").isEmpty();
		assertThat(conversation.get("title").asString()).isEqualTo("New Conversation");

		// the conversation, still empty, is named by the model after its first whole
		// exchange
		Api.Response answered = api.post("/api/v2/query", alice,
				Map.of("question", "Who owns the release checklist?", "conversation_id", conversationId));
		assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
		assertThat(awaitTitle(conversationId, "Owns release checklist")).isEqualTo("Owns release checklist");
	}

	/** The conversation's title once it is the one expected, or after ten seconds. */
	private static String awaitTitle(String conversationId, String expected) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		String title;
		do {
			Thread.sleep(100);
			title = api.get("/api/v2/conversations/" + conversationId, alice)
				.body()
				.get("conversation")
				.get("title")
				.asString();
		}
		while (!title.equals(expected) && System.nanoTime() < deadline);
		return title;
	}

}
