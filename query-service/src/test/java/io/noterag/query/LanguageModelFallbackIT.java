package io.noterag.query;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.noterag.shared.chat.LocalOpenAiServer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two providers that speak OpenAI's protocol, tried in order, and a deadline of 3 s for
 * all the model calls of one query: a prompt the first provider refuses as too long goes
 * to the next one, and when no provider answers in time the user still gets the
 * extractive answer, marked degraded, within the deadline.
 */
class LanguageModelFallbackIT extends IndexedNotebookContext {

	private static final Duration DEADLINE = Duration.ofSeconds(3);

	static final LocalOpenAiServer primary = start();

	static final LocalOpenAiServer backup = start();

	@DynamicPropertySource
	static void languageModels(DynamicPropertyRegistry registry) {
		registry.add("noterag.llm.providers[0].type", () -> "openai");
		registry.add("noterag.llm.providers[0].model", () -> LocalOpenAiServer.MODEL);
		registry.add("noterag.llm.providers[0].base-url", primary::baseUrl);
		registry.add("noterag.llm.providers[0].api-key", () -> LocalOpenAiServer.API_KEY);
		registry.add("noterag.llm.providers[0].timeout", () -> "1s");
		registry.add("noterag.llm.providers[0].max-retries", () -> "1");
		registry.add("noterag.llm.providers[1].type", () -> "openai");
		registry.add("noterag.llm.providers[1].name", () -> "backup");
		registry.add("noterag.llm.providers[1].model", () -> LocalOpenAiServer.MODEL);
		registry.add("noterag.llm.providers[1].base-url", backup::baseUrl);
		registry.add("noterag.llm.providers[1].api-key", () -> LocalOpenAiServer.API_KEY);
		registry.add("noterag.llm.providers[1].timeout", () -> "1s");
		registry.add("noterag.llm.providers[1].max-retries", () -> "0");
		registry.add("noterag.llm.deadline", () -> DEADLINE.toMillis() + "ms");
		registry.add("noterag.llm.retry.initial-backoff", () -> "200ms");
		// these tests fail providers on purpose: their breakers must not open meanwhile
		registry.add("noterag.llm.circuit-breaker.minimum-number-of-calls", () -> "1000");
		registry.add("noterag.llm.circuit-breaker.sliding-window-size", () -> "1000");
		registry.add("noterag.llm.cache.enabled", () -> "false");
	}

	@AfterAll
	static void stopModels() {
		primary.close();
		backup.close();
	}

	@BeforeEach
	void everythingWorks() {
		conversations.failWith(0);
		primary.reset();
		backup.reset();
	}

	@Test
	void shouldAskTheNextProviderWhenThePromptIsLongerThanTheFirstOnesContextWindow() throws Exception {
		primary.contextLengthExceeded(true);
		int refused = primary.requests("answer").size();

		Response response = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode metadata = response.json().get("metadata");
		assertThat(metadata.get("generator").asString()).isEqualTo("backup:" + LocalOpenAiServer.MODEL);
		assertThat(metadata.get("degraded").asBoolean()).isFalse();
		assertThat(response.json().get("answer").asString()).startsWith("According to the notes: ");
		assertThat(primary.requests("answer")).as("a refused prompt is not sent again").hasSize(refused + 1);
	}

	@Test
	void shouldAnswerExtractivelyWhenNoProviderTakesThePrompt() throws Exception {
		primary.contextLengthExceeded(true);
		backup.contextLengthExceeded(true);

		Response response = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("answer").asString()).contains("35 days").doesNotContain("According to the notes");
		assertThat(body.get("metadata").get("generator").asString()).isEqualTo("extractive");
		assertThat(body.get("metadata").get("degraded").asBoolean()).isTrue();
		assertThat(body.get("metadata").get("notice").asString()).contains("No language model answered");
		assertThat(conversations.lastTurnIn(body.get("conversation_id").asString()).get("answer").asString())
			.isEqualTo(body.get("answer").asString());
	}

	@Test
	void shouldAnswerExtractivelyWithinTheDeadlineWhenTheProvidersHang() throws Exception {
		primary.hang(Duration.ofSeconds(20));
		backup.hang(Duration.ofSeconds(20));
		long started = System.nanoTime();

		Response response = post("/api/v2/query", ALICE, Map.of("question", "How long are nightly backups retained?"));

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("answer").asString()).contains("35 days");
		assertThat(body.get("metadata").get("generator").asString()).isEqualTo("extractive");
		assertThat(body.get("metadata").get("degraded").asBoolean()).isTrue();
		// the deadline, plus retrieval and storing; far less than the providers' hang
		assertThat(took).isLessThan(DEADLINE.plusMillis(2000));
	}

	@Test
	void shouldFollowAFollowUpAndAnswerWithinOneDeadlineForAllTheModelCalls() throws Exception {
		String conversationId = post("/api/v2/query", ALICE,
				Map.of("question", "How long are nightly backups retained?"))
			.json()
			.get("conversation_id")
			.asString();
		primary.hang(Duration.ofSeconds(20));
		backup.hang(Duration.ofSeconds(20));
		long started = System.nanoTime();

		// the standalone question and the answer are both asked of the hanging models
		Response response = post("/api/v2/query", ALICE, Map.of("question", "and the weekly ones?", "conversation_id",
				conversationId, "config", Map.of("technique", "multi_query")));

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		assertThat(response.json().get("metadata").get("generator").asString()).isEqualTo("extractive");
		assertThat(response.json().get("metadata").get("variants_generator").asString()).isEqualTo("rules");
		assertThat(response.json().get("metadata").get("degraded").asBoolean()).isTrue();
		assertThat(took).isLessThan(DEADLINE.plusMillis(2000));
	}

	@Test
	void shouldStreamTheExtractiveAnswerWithinTheDeadlineWhenTheProvidersHang() throws Exception {
		primary.hang(Duration.ofSeconds(20));
		backup.hang(Duration.ofSeconds(20));
		long started = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v2/query/stream"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + ALICE)
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"How long are nightly backups retained?\"}"))
			.build();

		HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		List<String> data = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("data:")) {
					data.add(line.substring(5));
				}
			}
		}

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		JsonNode done = JSON.readTree(data.get(data.size() - 1));
		assertThat(done.get("answer").asString()).contains("35 days");
		assertThat(done.get("metadata").get("generator").asString()).isEqualTo("extractive");
		assertThat(done.get("metadata").get("degraded").asBoolean()).isTrue();
		assertThat(took).isLessThan(DEADLINE.plusMillis(2000));
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
