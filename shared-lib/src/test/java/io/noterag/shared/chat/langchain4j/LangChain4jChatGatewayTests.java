package io.noterag.shared.chat.langchain4j;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.noterag.shared.chat.Cancellable;
import io.noterag.shared.chat.ChatGatewayContractTests.Recorder;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatProvider;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatUnavailableException;
import io.noterag.shared.test.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.noterag.shared.chat.langchain4j.FakeLlmServer.answer;
import static io.noterag.shared.chat.langchain4j.FakeLlmServer.endless;
import static io.noterag.shared.chat.langchain4j.FakeLlmServer.late;
import static io.noterag.shared.chat.langchain4j.FakeLlmServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The langchain4j gateway against local servers speaking OpenAI's and Anthropic's
 * protocols: answers and their cost, failover with retries, {@code Retry-After} and
 * circuit breakers, streaming and its cancellation, JSON answers, and the response cache
 * in the real Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class LangChain4jChatGatewayTests {

	private static final String OPENAI_KEY = "sk-test-9f8e7d6c5b4a39281706";

	private static final String ANTHROPIC_KEY = "sk-ant-api03-test-1a2b3c4d5e6f";

	private static final String OPENAI_ANSWER = "The ferry to Oban leaves from the north pier at 9:40 every morning [1].";

	private static final String ANTHROPIC_ANSWER = "According to the timetable [2], the Oban ferry departs at 9:40.";

	private static final ChatRequest QUESTION = ChatRequest
		.of(List.of(ChatMessage.system("Answer from the numbered sources only and cite them like [1]."),
				ChatMessage.user("When does the ferry to Oban leave?")));

	/**
	 * The words of {@link #QUESTION}'s two messages, which the local servers count as
	 * tokens.
	 */
	private static final int PROMPT_TOKENS = 11 + 7;

	private FakeOpenAiServer openAi;

	private FakeAnthropicServer anthropic;

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeEach
	void startServers() throws Exception {
		this.openAi = new FakeOpenAiServer(OPENAI_KEY, OPENAI_ANSWER);
		this.anthropic = new FakeAnthropicServer(ANTHROPIC_KEY, ANTHROPIC_ANSWER);
	}

	@AfterEach
	void stopServers() throws Exception {
		for (AutoCloseable closeable : this.opened.reversed()) {
			closeable.close();
		}
		this.openAi.close();
		this.anthropic.close();
	}

	@Test
	void shouldAnswerWithTheTokenCountsAndTheCostOfTheModel() {
		LangChain4jChatGateway gateway = open(openAiOnly().with("prices[gpt-4o-mini].input-per-million", "0.15",
				"prices[gpt-4o-mini].output-per-million", "0.60"));

		ChatResult result = gateway.complete(QUESTION);

		assertThat(result.text()).isEqualTo(OPENAI_ANSWER);
		assertThat(result.provider()).isEqualTo("openai");
		assertThat(result.model()).isEqualTo("gpt-4o-mini");
		// the server counts the prompt's words as tokens and the answer's pieces
		assertThat(result.inputTokens()).isEqualTo(PROMPT_TOKENS);
		assertThat(result.outputTokens()).isEqualTo(FakeLlmServer.pieces(OPENAI_ANSWER).size());
		assertThat(result.costUsd()).isCloseTo((PROMPT_TOKENS * 0.15 + result.outputTokens() * 0.60) / 1_000_000,
				within(1e-12));
		assertThat(result.cached()).isFalse();
		assertThat(this.openAi.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.headers()).containsEntry("authorization", "Bearer " + OPENAI_KEY);
			JsonNode body = request.body();
			assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
			assertThat(body.path("temperature").asDouble()).isZero();
			assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
			assertThat(body.path("stream").asBoolean(false)).isFalse();
			assertThat(body.path("messages").values()).extracting((message) -> message.path("role").asString())
				.containsExactly("system", "user");
		});
	}

	@Test
	void shouldAskAnthropicWithItsHeadersAndReadItsTokenCounts() {
		LangChain4jChatGateway gateway = open(anthropicOnly().with("prices[claude-sonnet-4-5].input-per-million", "3",
				"prices[claude-sonnet-4-5].output-per-million", "15"));

		ChatResult result = gateway.complete(QUESTION.withMaxOutputTokens(300));

		assertThat(result.text()).isEqualTo(ANTHROPIC_ANSWER);
		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(result.inputTokens()).isEqualTo(PROMPT_TOKENS);
		assertThat(result.outputTokens()).isEqualTo(FakeLlmServer.pieces(ANTHROPIC_ANSWER).size());
		assertThat(result.costUsd()).isCloseTo((PROMPT_TOKENS * 3.0 + result.outputTokens() * 15.0) / 1_000_000,
				within(1e-12));
		assertThat(this.anthropic.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/messages");
			assertThat(request.headers()).containsEntry("x-api-key", ANTHROPIC_KEY)
				.containsEntry("anthropic-version", "2023-06-01")
				.doesNotContainKey("authorization");
			assertThat(request.body().path("max_tokens").asInt()).isEqualTo(300);
			assertThat(request.body().path("system").toString()).contains("numbered sources");
		});
	}

	@Test
	void shouldSendTheAzureKeyInItsOwnHeaderToTheDeployment() throws Exception {
		String azureKey = "3f2b9c0d8e7a4b6c9d1e2f3a4b5c6d7e";
		try (FakeOpenAiServer azure = new FakeOpenAiServer(null, OPENAI_ANSWER)) {
			LangChain4jChatGateway gateway = open(
					LlmSettings.of("providers[0].type", "azure-openai", "providers[0].model", "gpt-4o-mini-prod",
							"providers[0].base-url", azure.baseUrl().toString(), "providers[0].api-key", azureKey));

			ChatResult result = gateway.complete(QUESTION);

			assertThat(result.provider()).isEqualTo("azure-openai");
			assertThat(result.model()).isEqualTo("gpt-4o-mini-prod");
			assertThat(azure.requests()).singleElement().satisfies((request) -> {
				assertThat(request.path()).isEqualTo("/v1/chat/completions");
				assertThat(request.headers()).containsEntry("api-key", azureKey).doesNotContainKey("authorization");
				assertThat(request.body().path("model").asString()).isEqualTo("gpt-4o-mini-prod");
			});
		}
	}

	@Test
	void shouldAnswerFromTheNextProviderWhenTheFirstFailsAndThenSkipItOnceItsBreakerOpens() {
		this.openAi.then(status(500, FakeOpenAiServer.SERVER_ERROR), late(Duration.ofSeconds(3), answer("too late")),
				status(429, FakeOpenAiServer.RATE_LIMITED, "Retry-After", "1"));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].timeout", "400ms",
				"providers[0].max-retries", "2", "deadline", "5s", "circuit-breaker.minimum-number-of-calls", "3",
				"circuit-breaker.sliding-window-size", "3", "circuit-breaker.failure-rate-threshold", "50"));
		long start = System.nanoTime();

		ChatResult first = gateway.complete(QUESTION);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		assertThat(first.provider()).isEqualTo("anthropic");
		assertThat(first.text()).isEqualTo(ANTHROPIC_ANSWER);
		assertThat(this.openAi.requestCount()).isEqualTo(3);
		assertThat(gateway.circuitBreakerStates()).containsEntry("openai", "OPEN");

		ChatResult second = gateway.complete(QUESTION.withTemperature(0.2));

		assertThat(second.provider()).isEqualTo("anthropic");
		assertThat(this.openAi.requestCount()).as("requests to the provider whose breaker is open").isEqualTo(3);
		assertThat(this.anthropic.requestCount()).isEqualTo(2);
	}

	@Test
	void shouldAskTheNextProviderAtOnceWhenTheFirstSaysThePromptIsLongerThanItsContextWindow() {
		this.openAi.always(status(400, FakeOpenAiServer.CONTEXT_LENGTH_EXCEEDED));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].max-retries", "2"));

		ChatResult result = gateway.complete(QUESTION);

		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(result.text()).isEqualTo(ANTHROPIC_ANSWER);
		assertThat(this.openAi.requestCount()).as("a prompt that is too long is not sent again").isEqualTo(1);
		// the request was refused, the provider is healthy
		assertThat(gateway.providers()).extracting(ChatProvider::circuitBreaker).containsExactly("closed", "closed");
	}

	@Test
	void shouldSayWhyWhenNoProviderTakesAPromptThatLong() {
		this.openAi.always(status(400, FakeOpenAiServer.CONTEXT_LENGTH_EXCEEDED));
		this.anthropic.always(status(400, FakeAnthropicServer.PROMPT_TOO_LONG));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic());

		assertThatExceptionOfType(ChatUnavailableException.class).isThrownBy(() -> gateway.complete(QUESTION))
			.satisfies((ex) -> {
				assertThat(ex.failures()).hasSize(2);
				assertThat(ex.failures().get(0)).contains("answered 400")
					.contains("maximum context length is 128000 tokens");
				assertThat(ex.failures().get(1)).contains("answered 400").contains("prompt is too long");
			});
		assertThat(this.openAi.requestCount()).isEqualTo(1);
		assertThat(this.anthropic.requestCount()).isEqualTo(1);
	}

	@Test
	void shouldWaitAsLongAsRetryAfterAsksBeforeTryingAgain() {
		this.openAi.then(status(429, FakeOpenAiServer.RATE_LIMITED, "Retry-After", "1"));
		LangChain4jChatGateway gateway = open(openAiOnly().with("providers[0].max-retries", "1"));

		ChatResult result = gateway.complete(QUESTION);

		assertThat(result.provider()).isEqualTo("openai");
		List<FakeLlmServer.Recorded> requests = this.openAi.requests();
		assertThat(requests).hasSize(2);
		assertThat(Duration.ofNanos(requests.get(1).receivedAt() - requests.get(0).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void shouldLeaveAProviderThatAsksToWaitTooLongForTheNextOne() {
		this.openAi.then(status(503, FakeOpenAiServer.SERVER_ERROR, "Retry-After", "120"));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic());
		long start = System.nanoTime();

		ChatResult result = gateway.complete(QUESTION);

		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(this.openAi.requestCount()).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void shouldTryTheNextProviderAtOnceWhenTheKeyIsRefusedWithoutRevealingIt(CapturedOutput output) {
		String wrongKey = "sk-wrong-000111222333444555";
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].api-key", wrongKey));

		ChatResult result = gateway.complete(QUESTION);

		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(this.openAi.requestCount()).as("a refused key is not retried").isEqualTo(1);
		assertThat(output.getAll()).contains("answered 401").doesNotContain(wrongKey).doesNotContain(ANTHROPIC_KEY);
		assertThat(gateway.toString()).doesNotContain(wrongKey).doesNotContain(ANTHROPIC_KEY);
	}

	@Test
	void shouldNameEveryProviderAndWhyWhenNoneCanAnswer(CapturedOutput output) {
		String wrongKey = "sk-wrong-999888777666555444";
		this.anthropic.always(status(529, FakeAnthropicServer.OVERLOADED));
		LangChain4jChatGateway gateway = open(
				openAiThenAnthropic().with("providers[0].api-key", wrongKey, "providers[1].max-retries", "1"));

		assertThatExceptionOfType(ChatUnavailableException.class).isThrownBy(() -> gateway.complete(QUESTION))
			.satisfies((ex) -> {
				assertThat(ex.failures()).hasSize(2);
				assertThat(ex.failures().get(0)).startsWith("openai (gpt-4o-mini): answered 401")
					.contains("Incorrect API key provided: ***")
					.contains("(1 attempt)");
				assertThat(ex.failures().get(1))
					.startsWith("anthropic (claude-sonnet-4-5): answered 529: Overloaded (overloaded_error)")
					.contains("(2 attempts)");
				assertThat(ex.getMessage()).doesNotContain(wrongKey).doesNotContain(ANTHROPIC_KEY);
			});
		assertThat(output.getAll()).doesNotContain(wrongKey).doesNotContain(ANTHROPIC_KEY);
	}

	@Test
	void shouldDeliverThePiecesAsTheyArriveBeforeTheWholeAnswer() throws Exception {
		this.openAi.always(answer(OPENAI_ANSWER, Duration.ofMillis(80)));
		LangChain4jChatGateway gateway = open(openAiOnly());
		Recorder recorder = new Recorder();

		gateway.stream(QUESTION, recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		int pieces = FakeLlmServer.pieces(OPENAI_ANSWER).size();
		assertThat(recorder.tokenCount()).isEqualTo(pieces);
		assertThat(recorder.events.getLast()).isEqualTo("complete:" + OPENAI_ANSWER);
		// the first piece came long before the end: the server paused 80 ms before each
		// piece
		assertThat(Duration.ofNanos(recorder.times.getLast() - recorder.times.getFirst()))
			.isGreaterThan(Duration.ofMillis(80L * (pieces / 2)));
		assertThat(recorder.result.outputTokens()).isEqualTo(pieces);
		assertThat(recorder.result.inputTokens()).isEqualTo(PROMPT_TOKENS);
		assertThat(recorder.result.provider()).isEqualTo("openai");
		JsonNode body = this.openAi.requests().getFirst().body();
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
	}

	@Test
	void shouldStreamAnthropicsEventsWithItsTokenCounts() throws Exception {
		this.anthropic.always(answer(ANTHROPIC_ANSWER, Duration.ofMillis(30)));
		LangChain4jChatGateway gateway = open(anthropicOnly());
		Recorder recorder = new Recorder();

		gateway.stream(QUESTION, recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(recorder.errors).isEmpty();
		assertThat(recorder.tokenCount()).isEqualTo(FakeLlmServer.pieces(ANTHROPIC_ANSWER).size());
		assertThat(recorder.result.text()).isEqualTo(ANTHROPIC_ANSWER);
		assertThat(recorder.result.inputTokens()).isEqualTo(PROMPT_TOKENS);
		assertThat(recorder.result.outputTokens()).isEqualTo(FakeLlmServer.pieces(ANTHROPIC_ANSWER).size());
	}

	@Test
	void shouldCloseTheConnectionToTheProviderWhenTheStreamIsCancelled() throws Exception {
		this.openAi.always(endless(Duration.ofMillis(50)));
		LangChain4jChatGateway gateway = open(openAiOnly());
		Recorder recorder = new Recorder();

		Cancellable stream = gateway.stream(QUESTION, recorder);
		assertThat(recorder.firstToken.await(5, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(150);
		stream.cancel();
		long seen = recorder.tokenCount();

		assertThat(this.openAi.clientGone().await(5, TimeUnit.SECONDS)).as("the server saw the client go away")
			.isTrue();
		Thread.sleep(200);
		assertThat(recorder.tokenCount()).isEqualTo(seen);
		assertThat(recorder.ended.getCount()).as("neither completed nor failed").isEqualTo(1);
	}

	@Test
	void shouldStreamFromTheNextProviderWhenTheFirstFailsBeforeItsFirstPiece() throws Exception {
		this.openAi.always(status(503, FakeOpenAiServer.SERVER_ERROR));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].max-retries", "1"));
		Recorder recorder = new Recorder();

		gateway.stream(QUESTION, recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(recorder.errors).isEmpty();
		assertThat(recorder.result.provider()).isEqualTo("anthropic");
		assertThat(recorder.events.getLast()).isEqualTo("complete:" + ANTHROPIC_ANSWER);
		assertThat(this.openAi.requestCount()).isEqualTo(2);
	}

	@Test
	void shouldStreamFromTheNextProviderWhenTheFirstDoesNotStartInTime() throws Exception {
		this.openAi.always(late(Duration.ofSeconds(3), answer(OPENAI_ANSWER)));
		LangChain4jChatGateway gateway = open(
				openAiThenAnthropic().with("providers[0].timeout", "300ms", "providers[0].max-retries", "0"));
		Recorder recorder = new Recorder();
		long start = System.nanoTime();

		gateway.stream(QUESTION, recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(recorder.result.provider()).isEqualTo("anthropic");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void shouldTryTheNextProviderWhenTheAnswerIsNotJson() {
		this.openAi.always(answer("Sure! The notebook is mostly about ferries and timetables."));
		this.anthropic.always(answer("```json\n{\"topic\": \"ferries\", \"pages\": 3}\n```"));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].max-retries", "1"));

		ChatResult result = gateway.complete(ChatRequest.of("Describe the notebook.", "What is it about?").asJson());

		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(result.text()).isEqualTo("{\"topic\": \"ferries\", \"pages\": 3}");
		assertThat(this.openAi.requestCount()).as("one attempt and one retry").isEqualTo(2);
		JsonNode openAiBody = this.openAi.requests().getFirst().body();
		assertThat(openAiBody.path("response_format").path("type").asString()).isEqualTo("json_object");
		assertThat(this.anthropic.requests().getFirst().body().path("system").toString()).contains("JSON");
		assertThat(gateway.circuitBreakerStates()).containsEntry("openai", "CLOSED");
	}

	@Test
	void shouldSayClearlyThatNoProviderAnsweredWithJson() {
		this.openAi.always(answer("I cannot produce JSON for this."));
		this.anthropic.always(answer("{\"topic\": \"ferries\", "));
		LangChain4jChatGateway gateway = open(
				openAiThenAnthropic().with("providers[0].max-retries", "0", "providers[1].max-retries", "0"));

		assertThatExceptionOfType(ChatUnavailableException.class)
			.isThrownBy(() -> gateway.complete(ChatRequest.of("Describe the notebook.", "What is it about?").asJson()))
			.withMessageContaining("openai (gpt-4o-mini): answered with text that is not JSON")
			.withMessageContaining("anthropic (claude-sonnet-4-5): answered with text that is not JSON");
	}

	@Test
	void shouldAnswerARepeatedDeterministicRequestFromTheRedisCache() {
		StringRedisTemplate redis = redis(6379);
		String prefix = TestInfrastructure.redisPrefix() + "llm:" + UUID.randomUUID() + ":";
		LangChain4jChatGateway gateway = open(openAiOnly().with("prices[gpt-4o-mini].input-per-million", "0.15"),
				new RedisChatResponseCache(redis, prefix, Duration.ofMinutes(5)));
		try {
			ChatResult first = gateway.complete(QUESTION);
			ChatResult second = gateway.complete(QUESTION);

			assertThat(this.openAi.requestCount()).as("requests to the provider").isEqualTo(1);
			assertThat(first.cached()).isFalse();
			assertThat(second.cached()).isTrue();
			assertThat(second.text()).isEqualTo(first.text());
			assertThat(second.provider()).isEqualTo("openai");
			assertThat(second.inputTokens()).isEqualTo(first.inputTokens());
			assertThat(first.costUsd()).isPositive();
			assertThat(second.costUsd()).as("nothing was spent").isZero();
			Set<String> keys = redis.keys(prefix + "*");
			assertThat(keys).hasSize(1);
			assertThat(redis.getExpire(keys.iterator().next(), TimeUnit.SECONDS)).isBetween(1L, 300L);

			gateway.complete(QUESTION.withMaxOutputTokens(50));
			assertThat(this.openAi.requestCount()).as("another request is another key").isEqualTo(2);
		}
		finally {
			Set<String> keys = redis.keys(prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
	}

	@Test
	void shouldAskAgainForARequestThatWantsVariety() {
		StringRedisTemplate redis = redis(6379);
		String prefix = TestInfrastructure.redisPrefix() + "llm:" + UUID.randomUUID() + ":";
		LangChain4jChatGateway gateway = open(openAiOnly(),
				new RedisChatResponseCache(redis, prefix, Duration.ofMinutes(5)));

		gateway.complete(QUESTION.withTemperature(0.7));
		ChatResult second = gateway.complete(QUESTION.withTemperature(0.7));

		assertThat(second.cached()).isFalse();
		assertThat(this.openAi.requestCount()).isEqualTo(2);
		assertThat(redis.keys(prefix + "*")).isEmpty();
	}

	@Test
	void shouldAnswerWithoutTheCacheWhileRedisIsDown(CapturedOutput output) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		LangChain4jChatGateway gateway = open(openAiOnly(),
				new RedisChatResponseCache(redis(port), "test:down:", Duration.ofMinutes(5)));

		ChatResult first = gateway.complete(QUESTION);
		ChatResult second = gateway.complete(QUESTION);

		assertThat(first.text()).isEqualTo(OPENAI_ANSWER);
		assertThat(second.cached()).isFalse();
		assertThat(this.openAi.requestCount()).isEqualTo(2);
		assertThat(output.getAll()).contains("answering without the cache");
	}

	@Test
	void shouldNotCallAnyProviderAfterTheDeadline() {
		this.openAi.always(late(Duration.ofSeconds(3), answer(OPENAI_ANSWER)));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("deadline", "400ms", "providers[0].timeout",
				"300ms", "providers[1].timeout", "300ms"));
		long start = System.nanoTime();

		assertThatExceptionOfType(ChatUnavailableException.class).isThrownBy(() -> gateway.complete(QUESTION))
			.withMessageContaining("did not answer within")
			.withMessageContaining("deadline");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(this.anthropic.requestCount()).isZero();
	}

	@Test
	void shouldKeepToTheRequestsOwnDeadlineWhenItIsEarlier() {
		this.openAi.always(late(Duration.ofSeconds(3), answer(OPENAI_ANSWER)));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("deadline", "20s"));
		long start = System.nanoTime();

		assertThatExceptionOfType(ChatUnavailableException.class)
			.isThrownBy(() -> gateway.complete(QUESTION.withDeadline(java.time.Instant.now().plusMillis(500))))
			.withMessageContaining("did not answer within")
			.withMessageContaining("deadline passed");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		assertThat(this.anthropic.requestCount()).isZero();
	}

	@Test
	void shouldAskNoProviderForARequestWhoseDeadlineHasPassed() {
		LangChain4jChatGateway gateway = open(openAiThenAnthropic());

		assertThatExceptionOfType(ChatUnavailableException.class)
			.isThrownBy(() -> gateway.complete(QUESTION.withDeadline(java.time.Instant.now().minusSeconds(1))))
			.withMessageContaining("deadline passed");
		assertThat(this.openAi.requestCount()).isZero();
		assertThat(this.anthropic.requestCount()).isZero();
	}

	@Test
	void shouldLetAStreamedAnswerThatHasStartedRunPastTheDeadline() throws Exception {
		this.openAi.always(answer(OPENAI_ANSWER, Duration.ofMillis(80)));
		LangChain4jChatGateway gateway = open(openAiOnly().with("deadline", "400ms", "providers[0].timeout", "300ms"));
		Recorder recorder = new Recorder();

		gateway.stream(QUESTION, recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		// 14 pieces 80 ms apart: the answer took longer than the deadline, which only
		// bounds the wait for its first piece
		assertThat(recorder.events.getLast()).isEqualTo("complete:" + OPENAI_ANSWER);
		assertThat(Duration.ofNanos(recorder.times.getLast() - recorder.times.getFirst()))
			.isGreaterThan(Duration.ofMillis(400));
	}

	@Test
	void shouldReportEachProviderWithItsModelAndTheStateOfItsBreaker() {
		this.openAi.always(status(500, FakeOpenAiServer.SERVER_ERROR));
		LangChain4jChatGateway gateway = open(openAiThenAnthropic().with("providers[0].max-retries", "0",
				"circuit-breaker.minimum-number-of-calls", "1", "circuit-breaker.sliding-window-size", "1"));

		gateway.complete(QUESTION);

		assertThat(gateway.providers()).containsExactly(new ChatProvider("openai", "openai", "gpt-4o-mini", "open"),
				new ChatProvider("anthropic", "anthropic", "claude-sonnet-4-5", "closed"));
	}

	private LlmSettings openAiOnly() {
		return LlmSettings.of("providers[0].type", "openai", "providers[0].model", "gpt-4o-mini",
				"providers[0].base-url", this.openAi.baseUrl().toString(), "providers[0].api-key", OPENAI_KEY,
				"providers[0].timeout", "2s", "retry.initial-backoff", "20ms");
	}

	private LlmSettings anthropicOnly() {
		return LlmSettings.of("providers[0].type", "anthropic", "providers[0].model", "claude-sonnet-4-5",
				"providers[0].base-url", this.anthropic.baseUrl().toString(), "providers[0].api-key", ANTHROPIC_KEY,
				"providers[0].timeout", "2s", "retry.initial-backoff", "20ms");
	}

	private LlmSettings openAiThenAnthropic() {
		return openAiOnly().with("providers[1].type", "anthropic", "providers[1].model", "claude-sonnet-4-5",
				"providers[1].base-url", this.anthropic.baseUrl().toString(), "providers[1].api-key", ANTHROPIC_KEY,
				"providers[1].timeout", "2s");
	}

	private LangChain4jChatGateway open(LlmSettings settings) {
		return open(settings, null);
	}

	private LangChain4jChatGateway open(LlmSettings settings, ChatResponseCache cache) {
		LangChain4jChatGateway gateway = new LangChain4jChatGateway(settings.bind(), cache);
		this.opened.add(gateway);
		return gateway;
	}

	private StringRedisTemplate redis(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(TestInfrastructure.redisHost(), port));
		factory.afterPropertiesSet();
		factory.start();
		this.opened.add(factory::destroy);
		return new StringRedisTemplate(factory);
	}

}
