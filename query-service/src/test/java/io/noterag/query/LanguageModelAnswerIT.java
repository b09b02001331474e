package io.noterag.query;

import io.noterag.shared.chat.LocalOpenAiServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers written by a language model: query-service against a local server that speaks
 * OpenAI's chat-completions protocol, configured as the only provider.
 */
class LanguageModelAnswerIT extends IndexedNotebookContext {

	static final LocalOpenAiServer model = start();

	@DynamicPropertySource
	static void languageModel(DynamicPropertyRegistry registry) {
		registry.add("noterag.llm.providers[0].type", () -> "openai");
		registry.add("noterag.llm.providers[0].model", () -> LocalOpenAiServer.MODEL);
		registry.add("noterag.llm.providers[0].base-url", model::baseUrl);
		registry.add("noterag.llm.providers[0].api-key", () -> LocalOpenAiServer.API_KEY);
		registry.add("noterag.llm.providers[0].timeout", () -> "5s");
		registry.add("noterag.llm.providers[0].max-retries", () -> "0");
		registry.add("noterag.llm.cache.enabled", () -> "false");
		registry.add("noterag.llm.prices[gpt-4o-mini].input-per-million", () -> "0.15");
		registry.add("noterag.llm.prices[gpt-4o-mini].output-per-million", () -> "0.60");
	}

	@AfterAll
	static void stopModel() {
		model.close();
	}

	@BeforeEach
	void everythingWorks() {
		conversations.failWith(0);
		model.reset();
	}

	@Test
	void shouldCancelTheModelAndStoreNothingWhenTheClientGoesAway() throws Exception {
		model.pause(java.time.Duration.ofMillis(300));
		int turnsBefore = conversations.turns().size();
		int abandonedBefore = model.abandonedStreams();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v2/query/stream"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + ALICE)
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"How long are nightly backups retained?\"}"))
			.build();
		HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line = lines.readLine();
			while (line != null && !line.startsWith("event:token")) {
				line = lines.readLine();
			}
			assertThat(line).as("a first token").isNotNull();
		}

		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (model.abandonedStreams() == abandonedBefore && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(model.abandonedStreams()).as("the model's stream was closed").isGreaterThan(abandonedBefore);
		Thread.sleep(500);
		assertThat(conversations.turns()).hasSize(turnsBefore);
	}

	@Test
	void shouldAnswerWithTheModelCiteOnlyRealSourcesAndRecordTokensAndCost() throws Exception {
		Response response = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("answer").asString()).startsWith("According to the notes: ")
			.contains("35 days")
			.contains("[1]")
			.doesNotContain("[7]");
		assertThat(body.get("sources").get(0).get("document_id").asString())
			.isEqualTo(notebook.page("ops/backup-policy.md").id());
		JsonNode metadata = body.get("metadata");
		assertThat(metadata.get("generator").asString()).isEqualTo("openai:" + LocalOpenAiServer.MODEL);
		assertThat(metadata.get("degraded").asBoolean()).isFalse();
		assertThat(metadata.get("llm").asString()).isEqualTo("configured");
		assertThat(metadata.get("notice").isNull()).isTrue();
		assertThat(metadata.get("removed_citations").get(0).asInt()).isEqualTo(7);
		assertThat(metadata.get("tokens_used").asInt()).isGreaterThan(LocalOpenAiServer.PROMPT_TOKENS);
		assertThat(metadata.get("cost_usd").asDouble()).isPositive();
		JsonNode turn = conversations.lastTurnIn(body.get("conversation_id").asString());
		assertThat(turn.get("tokens_used").asInt()).isEqualTo(metadata.get("tokens_used").asInt());
		assertThat(turn.get("answer").asString()).isEqualTo(body.get("answer").asString());
		JsonNode sent = model.lastRequest("answer");
		assertThat(sent.get("messages").get(0).get("role").asString()).isEqualTo("system");
		assertThat(sent.get("messages").get(1).get("content").asString()).contains("[1] Backup policy")
			.contains("Question: How long are nightly backups retained?");
	}

	@Test
	void shouldSendTheConversationSoFarWithAFollowUp() throws Exception {
		JsonNode first = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"))
			.json();
		String conversationId = first.get("conversation_id").asString();

		JsonNode second = post("/api/v2/query", ALICE,
				Map.of("question", "and the weekly ones?", "conversation_id", conversationId))
			.json();

		JsonNode sent = model.lastRequest("answer").get("messages");
		List<String> roles = new ArrayList<>();
		sent.forEach((m) -> roles.add(m.get("role").asString()));
		assertThat(roles).containsExactly("system", "user", "assistant", "user");
		assertThat(sent.get(1).get("content").asString()).isEqualTo("How long are nightly backups retained?");
		// the model rewrote the follow-up; the answer was asked for the standalone
		// question
		assertThat(second.get("metadata").get("standalone_question").asString())
			.isEqualTo(LocalOpenAiServer.STANDALONE_WEEKLY);
		assertThat(sent.get(3).get("content").asString())
			.endsWith("Question: " + LocalOpenAiServer.STANDALONE_WEEKLY + "\n");
		JsonNode rewrite = model.lastRequest("rewrite").get("messages");
		assertThat(rewrite.get(1).get("content").asString()).startsWith("Conversation:\n")
			.contains("User: How long are nightly backups retained?\nAssistant: According to the notes")
			.endsWith("Last question: and the weekly ones?");
		// the history asked for is a share of gpt-4o-mini's window, counted with its
		// tokenizer
		assertThat(conversations.contextQueries().getLast()).containsEntry("model", LocalOpenAiServer.MODEL)
			.containsEntry("max_tokens", "4000");
		assertThat(second.get("sources").get(0).get("document_id").asString())
			.isEqualTo(notebook.page("ops/backup-policy.md").id());
	}

	@Test
	void shouldStreamTheModelsPiecesAndEndWithTheCheckedAnswer() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v2/query/stream"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + ALICE)
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"How long are nightly backups retained?\"}"))
			.build();
		HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		List<String> data = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("event:")) {
					names.add(line.substring(6).strip());
				}
				else if (line.startsWith("data:")) {
					data.add(line.substring(5));
				}
			}
		}
		assertThat(names.stream().filter("token"::equals).count()).isGreaterThan(5);
		assertThat(names.get(names.size() - 1)).isEqualTo("done");
		StringBuilder streamed = new StringBuilder();
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).equals("token")) {
				streamed.append(JSON.readTree(data.get(i)).get("text").asString());
			}
		}
		JsonNode done = JSON.readTree(data.get(data.size() - 1));
		// the model wrote [7] for a source that does not exist: it never reached the
		// client, and the streamed text reads as the checked answer
		assertThat(model.lastRequest("answer").path("stream").asBoolean()).isTrue();
		assertThat(streamed.toString()).contains("[1]").doesNotContain("[7]");
		assertThat(done.get("answer").asString()).contains("[1]").doesNotContain("[7]");
		assertThat(streamed.toString().strip()).isEqualTo(done.get("answer").asString());
		assertThat(done.get("metadata").get("removed_citations").get(0).asInt()).isEqualTo(7);
		assertThat(done.get("metadata").get("generator").asString()).isEqualTo("openai:" + LocalOpenAiServer.MODEL);
	}

	@Test
	void shouldNameANewConversationWithTheModelAfterItsFirstExchange() throws Exception {
		JsonNode body = post("/api/v2/query", ALICE,
				Map.of("question", "How long are nightly backups retained by the platform team?"))
			.json();
		String conversationId = body.get("conversation_id").asString();

		JsonNode title = null;
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (title == null && System.nanoTime() < deadline) {
			Thread.sleep(50);
			title = conversations.titleOf(conversationId);
		}
		assertThat(title).as("a title request for the new conversation").isNotNull();
		// the model's reply, without the quotes it put around it
		assertThat(title.get("title").asString()).isEqualTo("Long nightly backups retained platform");
		assertThat(title.get("named_after").asString())
			.isEqualTo("How long are nightly backups retained by the platform team?");
		assertThat(model.lastRequest("title").get("messages").get(1).get("content").asString())
			.startsWith("Question: How long are nightly backups retained by the platform team?")
			.contains("Answer: According to the notes");

		// a follow-up in the same conversation asks for no new title
		int titlesBefore = model.requests("title").size();
		post("/api/v2/query", ALICE, Map.of("question", "and the weekly ones?", "conversation_id", conversationId));
		Thread.sleep(300);
		assertThat(model.requests("title")).hasSize(titlesBefore);
	}

	@Test
	void shouldNameAConversationCreatedEmptyAfterItsFirstExchangeButNotOneWithItsOwnTitle() throws Exception {
		String empty = conversations.emptyConversationOf(ALICE_ID, "New Conversation");
		String named = conversations.emptyConversationOf(ALICE_ID, "Release planning");
		String question = "How long are nightly backups retained by the platform team?";

		post("/api/v2/query", ALICE, Map.of("question", question, "conversation_id", empty));

		JsonNode title = null;
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (title == null && System.nanoTime() < deadline) {
			Thread.sleep(50);
			title = conversations.titleOf(empty);
		}
		assertThat(title).as("a title request for the conversation created empty").isNotNull();
		assertThat(title.get("title").asString()).isEqualTo("Long nightly backups retained platform");
		assertThat(title.get("named_after").asString()).isEqualTo(question);

		int titlesBefore = model.requests("title").size();
		post("/api/v2/query", ALICE, Map.of("question", question, "conversation_id", named));
		// a second exchange in the conversation named by the model asks for no title
		post("/api/v2/query", ALICE, Map.of("question", "and the weekly ones?", "conversation_id", empty));
		Thread.sleep(500);
		assertThat(model.requests("title")).hasSize(titlesBefore);
		assertThat(conversations.titleOf(named)).isNull();
	}

	@Test
	void shouldSearchWithTheQueriesTheModelWroteInJsonMode() throws Exception {
		for (String technique : List.of("multi_query", "rag_fusion")) {
			Response response = post("/api/v2/query", ALICE, Map.of("question",
					"How long are nightly backups retained?", "config", Map.of("technique", technique)));

			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			JsonNode metadata = response.json().get("metadata");
			assertThat(metadata.get("variants_generator").asString()).as(technique)
				.isEqualTo("openai:" + LocalOpenAiServer.MODEL);
			assertThat(metadata.get("degraded").asBoolean()).as(technique).isFalse();
			assertThat(response.json().get("sources").get(0).get("document_id").asString()).as(technique)
				.isEqualTo(notebook.page("ops/backup-policy.md").id());
			JsonNode asked = model.lastRequest("variants");
			assertThat(asked.get("response_format").get("type").asString()).isEqualTo("json_object");
			assertThat(asked.get("messages").get(asked.get("messages").size() - 1).get("content").asString())
				.startsWith("Question: How long are nightly backups retained?")
				.contains("Write 2 search queries.");
		}
	}

	@Test
	void shouldSearchWithRuleWrittenQueriesAndSayDegradedWhenTheModelAnswersNoUsableJson() throws Exception {
		for (LocalOpenAiServer.JsonReply reply : List.of(LocalOpenAiServer.JsonReply.NOT_JSON,
				LocalOpenAiServer.JsonReply.WRONG_SHAPE)) {
			model.jsonReply(reply);

			Response response = post("/api/v2/query", ALICE, Map.of("question",
					"How long are nightly backups retained?", "config", Map.of("technique", "multi_query")));

			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			JsonNode body = response.json();
			assertThat(body.get("metadata").get("variants_generator").asString()).as(reply.name()).isEqualTo("rules");
			assertThat(body.get("metadata").get("degraded").asBoolean()).as(reply.name()).isTrue();
			// the answer itself is still the model's
			assertThat(body.get("metadata").get("generator").asString()).isEqualTo("openai:" + LocalOpenAiServer.MODEL);
			assertThat(body.get("answer").asString()).contains("35 days");
		}
	}

	@Test
	void shouldSearchWithAHypotheticalAnswerTheModelWrote() throws Exception {
		Response response = post("/api/v2/query", ALICE,
				Map.of("question", "How long are nightly backups retained?", "config", Map.of("technique", "hyde")));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("metadata").get("technique").asString()).isEqualTo("hyde");
		assertThat(body.get("metadata").get("hypothetical_answer_generator").asString())
			.isEqualTo("openai:" + LocalOpenAiServer.MODEL);
		assertThat(body.get("sources").get(0).get("document_id").asString())
			.isEqualTo(notebook.page("ops/backup-policy.md").id());
		assertThat(model.lastRequest("hyde").get("messages").get(1).get("content").asString())
			.isEqualTo("Question: How long are nightly backups retained?");
	}

	@Test
	void shouldShowTheProviderAndItsCircuitBreakerOnTheHealthEndpoint() throws Exception {
		Response health = get("/actuator/health/llm");

		assertThat(health.status()).as(health.raw()).isEqualTo(200);
		JsonNode component = health.json().get("components").get("languageModels");
		assertThat(component.get("status").asString()).isEqualTo("UP");
		assertThat(component.get("details").get("configured").asBoolean()).isTrue();
		JsonNode provider = component.get("details").get("providers").get(0);
		assertThat(provider.get("name").asString()).isEqualTo("openai");
		assertThat(provider.get("model").asString()).isEqualTo(LocalOpenAiServer.MODEL);
		assertThat(provider.get("circuit_breaker").asString()).isEqualTo("closed");
		assertThat(health.raw()).doesNotContain(LocalOpenAiServer.API_KEY).doesNotContain(model.baseUrl());
	}

	@Test
	void shouldAnswerExtractivelyAndSayDegradedWhenTheModelFails() throws Exception {
		model.failWith(500);

		Response response = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("answer").asString()).contains("35 days").doesNotContain("According to the notes");
		assertThat(body.get("metadata").get("generator").asString()).isEqualTo("extractive");
		assertThat(body.get("metadata").get("degraded").asBoolean()).isTrue();
		assertThat(body.get("metadata").get("notice").asString())
			.isEqualTo("No language model answered in time: this answer quotes the sources.");
	}

	private static LocalOpenAiServer start() {
		try {
			return new LocalOpenAiServer();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
