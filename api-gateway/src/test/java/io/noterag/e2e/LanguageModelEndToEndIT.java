package io.noterag.e2e;

import java.nio.file.Path;
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
 * that speaks OpenAI's chat-completions protocol (streaming included).
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
		assertThat(titleOf(conversationId)).isEqualTo("Long hold production canary during");
	}

	private static String titleOf(String conversationId) throws InterruptedException {
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
		while (!title.equals("Long hold production canary during") && System.nanoTime() < deadline);
		return title;
	}

}
