package io.noterag.shared.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every configured {@link ChatGateway} must have. An adapter's test extends
 * this class and makes, in {@link #createGateway(String)}, a gateway whose model answers
 * every question with the given text, and says in {@link #backendCalls()} how many
 * requests reached the model; the class ships in shared-lib's test-jar.
 */
public abstract class ChatGatewayContractTests {

	protected static final String QUESTION = "When does the ferry to Oban leave?";

	protected static final String ANSWER = "The ferry to Oban leaves from the north pier at 9:40 every morning.";

	private ChatGateway gateway;

	/**
	 * Makes the gateway under test; called at most once per test.
	 * @param answer what its model answers to every question
	 * @return the gateway
	 * @throws Exception when it cannot be made
	 */
	protected abstract ChatGateway createGateway(String answer) throws Exception;

	/**
	 * How many requests reached the model since the gateway was made.
	 * @return the number of requests
	 */
	protected abstract long backendCalls();

	protected ChatGateway gateway(String answer) throws Exception {
		this.gateway = createGateway(answer);
		return this.gateway;
	}

	@AfterEach
	void closeGatewayUnderTest() throws Exception {
		if (this.gateway instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Test
	void shouldSayItIsConfigured() throws Exception {
		assertThat(gateway(ANSWER).configured()).isTrue();
	}

	@Test
	void shouldAnswerWithTheModelsTextAndItsTokenCounts() throws Exception {
		ChatGateway gateway = gateway(ANSWER);

		ChatResult result = gateway
			.complete(ChatRequest.of("Answer from the notes only.", QUESTION).withTemperature(0.3));

		assertThat(result.text()).isEqualTo(ANSWER);
		assertThat(result.provider()).isNotBlank();
		assertThat(result.model()).isNotBlank();
		assertThat(result.inputTokens()).isPositive();
		assertThat(result.outputTokens()).isPositive();
		assertThat(result.cached()).isFalse();
		assertThat(result.latency()).isPositive();
		assertThat(backendCalls()).isEqualTo(1);
	}

	@Test
	void shouldStreamTheAnswerInSeveralPiecesBeforeCompleting() throws Exception {
		ChatGateway gateway = gateway(ANSWER);
		Recorder recorder = new Recorder();

		gateway.stream(ChatRequest.of("Answer from the notes only.", QUESTION), recorder);

		assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(recorder.errors).isEmpty();
		assertThat(recorder.events).hasSizeGreaterThan(3);
		assertThat(recorder.events.getLast()).startsWith("complete:");
		List<String> tokens = recorder.events.subList(0, recorder.events.size() - 1);
		assertThat(tokens).allSatisfy((event) -> assertThat(event).startsWith("token:"));
		assertThat(String.join("", tokens.stream().map((event) -> event.substring("token:".length())).toList()))
			.isEqualTo(ANSWER);
		assertThat(recorder.result.text()).isEqualTo(ANSWER);
		assertThat(recorder.result.outputTokens()).isPositive();
	}

	@Test
	void shouldTellTheListenerNothingMoreOnceCancelled() throws Exception {
		ChatGateway gateway = gateway(ANSWER);
		Recorder recorder = new Recorder();

		Cancellable stream = gateway.stream(ChatRequest.of("Answer from the notes only.", QUESTION), recorder);
		stream.cancel();
		int seen = recorder.events.size();
		Thread.sleep(Duration.ofMillis(500));

		assertThat(recorder.events).hasSize(seen);
		assertThat(recorder.ended.getCount()).isEqualTo(1);
	}

	/** Records what a stream listener is told, in order. */
	public static final class Recorder implements ChatStreamListener {

		public final List<String> events = new CopyOnWriteArrayList<>();

		public final List<Long> times = new CopyOnWriteArrayList<>();

		public final List<Throwable> errors = new CopyOnWriteArrayList<>();

		public final CountDownLatch ended = new CountDownLatch(1);

		public final CountDownLatch firstToken = new CountDownLatch(1);

		public volatile ChatResult result;

		@Override
		public void onToken(String token) {
			this.events.add("token:" + token);
			this.times.add(System.nanoTime());
			this.firstToken.countDown();
		}

		@Override
		public void onComplete(ChatResult result) {
			this.result = result;
			this.events.add("complete:" + result.text());
			this.times.add(System.nanoTime());
			this.ended.countDown();
		}

		@Override
		public void onError(Throwable error) {
			this.errors.add(error);
			this.events.add("error:" + error.getMessage());
			this.times.add(System.nanoTime());
			this.ended.countDown();
		}

		public long tokenCount() {
			return this.events.stream().filter((event) -> event.startsWith("token:")).count();
		}

	}

}
