package io.noterag.shared.chat.langchain4j;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.noterag.shared.chat.Cancellable;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatProvider;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatStreamListener;
import io.noterag.shared.chat.ChatUnavailableException;
import io.noterag.shared.chat.LlmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatGateway} over langchain4j's OpenAI, Anthropic and Ollama chat models
 * (Azure OpenAI through its OpenAI-compatible v1 API), tried in the configured order.
 *
 * <p>
 * For each provider, in order: skip it without a request while its resilience4j circuit
 * breaker is open; otherwise make an attempt with the provider's timeout (cut to what is
 * left of the call's deadline: the configured one, or the request's own when it is
 * earlier; for a stream, until its first piece). A failed attempt (timeout, connection
 * failure, 408, 409, 429, 5xx, or text that is not JSON for a JSON request) is repeated
 * up to {@code max-retries} times after an exponential back-off, or after the
 * {@code Retry-After} the provider sent; one that cannot succeed by repeating it (400,
 * 401, 403, 404, 413, 422) goes to the next provider at once. Each attempt's outcome is
 * recorded by the breaker; a rejected request (400, 413, 422) and text that is not JSON
 * count as successes there, since they say nothing about the provider's health. When
 * every provider failed, a {@link ChatUnavailableException} names each one and why.
 *
 * <p>
 * langchain4j's own retries are turned off and its HTTP client replaced by one on the
 * JDK's client that keeps {@code Retry-After} and can close a stream's connection. The
 * API keys never appear in logs or exception messages. Thread-safe; close it to release
 * the connections.
 */
public class LangChain4jChatGateway implements ChatGateway, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LangChain4jChatGateway.class);

	private final List<ProviderClient> providers;

	private final LlmProperties.Retry retry;

	private final Duration deadline;

	private final ChatResponseCache cache;

	private final boolean cacheTemperatureZeroOnly;

	private final Map<String, LlmProperties.Price> prices;

	private final String chain;

	/**
	 * Creates the gateway; nothing is sent until the first call.
	 * @param properties the providers and settings; every provider entry must be complete
	 * (see {@link #check(LlmProperties)})
	 * @param cache the response cache, or {@code null} for none
	 * @throws IllegalStateException when a provider entry is incomplete, naming the
	 * property
	 */
	public LangChain4jChatGateway(LlmProperties properties, ChatResponseCache cache) {
		check(properties);
		this.retry = properties.retry();
		this.deadline = properties.deadline();
		this.cache = properties.cache().enabled() ? cache : null;
		this.cacheTemperatureZeroOnly = properties.cache().temperatureZeroOnly();
		this.prices = Map.copyOf(properties.prices());
		LlmProperties.CircuitBreaker settings = properties.circuitBreaker();
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.build());
		Map<String, Integer> typeCounts = new HashMap<>();
		properties.providers().forEach((p) -> typeCounts.merge(p.type().strip(), 1, Integer::sum));
		List<ProviderClient> clients = new ArrayList<>();
		StringBuilder chain = new StringBuilder();
		for (int i = 0; i < properties.providers().size(); i++) {
			LlmProperties.Provider settingsOf = properties.providers().get(i);
			String type = settingsOf.type().strip();
			String name = (settingsOf.name() != null && !settingsOf.name().isBlank()) ? settingsOf.name().strip()
					: (typeCounts.get(type) > 1) ? type + "-" + i : type;
			LlmProperties.Provider normalised = new LlmProperties.Provider(type, name, settingsOf.model(),
					settingsOf.baseUrl(), settingsOf.apiKey(), settingsOf.timeout(), settingsOf.maxRetries());
			ProviderClient client = new ProviderClient(name, normalised, breakers.circuitBreaker(name));
			clients.add(client);
			chain.append(type).append('|').append(client.model()).append('|').append(client.baseUrl()).append(';');
		}
		this.providers = List.copyOf(clients);
		this.chain = chain.toString();
	}

	/**
	 * Checks that every provider entry is complete and that no attempt may take longer
	 * than the whole call.
	 * @param properties the settings
	 * @throws IllegalStateException naming the first missing or wrong property
	 */
	public static void check(LlmProperties properties) {
		List<LlmProperties.Provider> providers = properties.providers();
		for (int i = 0; i < providers.size(); i++) {
			LlmProperties.Provider provider = providers.get(i);
			String prefix = "noterag.llm.providers[" + i + "].";
			if (provider == null || provider.type() == null || provider.type().isBlank()) {
				throw new IllegalStateException(
						prefix + "type is not set: set it to one of " + LlmProperties.TYPES + ", or remove the entry");
			}
			String type = provider.type().strip();
			if (!LlmProperties.TYPES.contains(type)) {
				throw new IllegalStateException(prefix + "type=" + type + " is not a provider type: use one of "
						+ LlmProperties.TYPES + " (openai also covers OpenAI-compatible servers such as vLLM, "
						+ "LiteLLM or Ollama's /v1 through " + prefix + "base-url)");
			}
			if (provider.model() == null || provider.model().isBlank()) {
				throw new IllegalStateException(prefix + "model is not set: the " + type
						+ " provider needs the model to ask, such as " + exampleModel(type));
			}
			boolean noKey = provider.apiKey() == null || provider.apiKey().isBlank();
			if (noKey && (LlmProperties.Provider.ANTHROPIC.equals(type)
					|| LlmProperties.Provider.AZURE_OPENAI.equals(type))) {
				throw new IllegalStateException(prefix + "api-key is not set: the " + type
						+ " provider needs an API key (put it in the environment, e.g. NOTERAG_LLM_PROVIDERS_" + i
						+ "_API_KEY, never in a file under version control)");
			}
			if (LlmProperties.Provider.AZURE_OPENAI.equals(type) && provider.baseUrl() == null) {
				throw new IllegalStateException(prefix + "base-url is not set: the azure-openai provider needs its "
						+ "resource's v1 endpoint, such as https://my-resource.openai.azure.com/openai/v1");
			}
			if (provider.timeout() != null && properties.deadline() != null
					&& provider.timeout().compareTo(properties.deadline()) > 0) {
				throw new IllegalStateException(prefix + "timeout (" + provider.timeout()
						+ ") is longer than noterag.llm.deadline (" + properties.deadline()
						+ "), the most time a whole call may take over all providers and retries: set the timeout "
						+ "below the deadline (the defaults are 15s and 40s)");
			}
			if (provider.baseUrl() != null) {
				String scheme = provider.baseUrl().getScheme();
				if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
						|| provider.baseUrl().getHost() == null) {
					throw new IllegalStateException(
							prefix + "base-url must be an absolute http or https URL, got " + provider.baseUrl());
				}
			}
		}
	}

	private static String exampleModel(String type) {
		return switch (type) {
			case LlmProperties.Provider.ANTHROPIC -> "claude-sonnet-4-5";
			case LlmProperties.Provider.OLLAMA -> "llama3.1:8b";
			case LlmProperties.Provider.AZURE_OPENAI -> "the deployment name";
			default -> "gpt-4o-mini";
		};
	}

	@Override
	public boolean configured() {
		return !this.providers.isEmpty();
	}

	/**
	 * The state of each provider's circuit breaker, for health reports.
	 * @return provider name to {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...
	 */
	public Map<String, String> circuitBreakerStates() {
		Map<String, String> states = new java.util.LinkedHashMap<>();
		this.providers.forEach((p) -> states.put(p.name(), p.breaker().getState().name()));
		return states;
	}

	@Override
	public List<ChatProvider> providers() {
		return this.providers.stream()
			.map((p) -> new ChatProvider(p.name(), p.type(), p.model(),
					p.breaker().getState().name().toLowerCase(Locale.ROOT).replace('_', '-')))
			.toList();
	}

	/**
	 * When a call that starts now must end: the configured deadline, or the request's own
	 * when it is earlier.
	 */
	private long deadlineAt(ChatRequest request, long start) {
		long deadlineAt = start + this.deadline.toNanos();
		Instant requested = request.deadline();
		if (requested != null) {
			long left = Math.max(0, Duration.between(Instant.now(), requested).toNanos());
			deadlineAt = Math.min(deadlineAt, start + left);
		}
		return deadlineAt;
	}

	@Override
	public ChatResult complete(ChatRequest request) {
		long start = System.nanoTime();
		long deadlineAt = deadlineAt(request, start);
		String key = cacheable(request) ? cacheKey(request) : null;
		if (key != null) {
			ChatResult hit = this.cache.get(key);
			if (hit != null) {
				return new ChatResult(hit.text(), hit.provider(), hit.model(), hit.inputTokens(), hit.outputTokens(),
						0.0, true, since(start));
			}
		}
		List<String> failures = new ArrayList<>();
		for (ProviderClient provider : this.providers) {
			ChatResult result = complete(provider, request, start, deadlineAt, failures);
			if (result != null) {
				if (key != null) {
					this.cache.put(key, result);
				}
				return result;
			}
		}
		throw unavailable(failures);
	}

	private ChatResult complete(ProviderClient provider, ChatRequest request, long start, long deadlineAt,
			List<String> failures) {
		dev.langchain4j.model.chat.request.ChatRequest chatRequest = ProviderClient.toLangChain4j(request);
		AttemptFailure last = null;
		int attempts = 0;
		for (int attempt = 0; attempt <= provider.maxRetries(); attempt++) {
			Duration left = remaining(deadlineAt);
			if (left.isZero()) {
				failures.add(describe(provider, last, attempts, "the call's deadline passed"));
				return null;
			}
			if (!provider.breaker().tryAcquirePermission()) {
				failures.add(describe(provider, last, attempts, "skipped: its circuit breaker is open"));
				return null;
			}
			Duration timeout = min(provider.timeout(), left);
			long attemptStart = System.nanoTime();
			attempts++;
			AttemptFailure failure;
			try {
				ChatResponse response = provider.chatModel(request, timeout, new CallScope()).chat(chatRequest);
				provider.breaker().onSuccess(System.nanoTime() - attemptStart, TimeUnit.NANOSECONDS);
				String text = (response.aiMessage() != null && response.aiMessage().text() != null)
						? response.aiMessage().text() : "";
				if (request.json()) {
					JsonAnswers.Checked checked = JsonAnswers.check(text);
					if (checked.valid()) {
						return result(provider, checked.json(), response.tokenUsage(), start);
					}
					failure = AttemptFailure.notJson(checked.problem());
				}
				else {
					return result(provider, text, response.tokenUsage(), start);
				}
			}
			catch (RuntimeException ex) {
				failure = AttemptFailure.of(ex, timeout);
				recordFailure(provider, failure, attemptStart, ex);
			}
			last = failure;
			logger.warn("LLM provider {}, attempt {} of {}: {}", provider.label(), attempt + 1,
					provider.maxRetries() + 1, provider.redact(failure.description()));
			if (!waitBeforeRetry(provider, failure, attempt, deadlineAt)) {
				break;
			}
		}
		failures.add(describe(provider, last, attempts, null));
		return null;
	}

	/**
	 * Waits before the next attempt on the same provider.
	 * @return {@code false} when there is no next attempt on it
	 */
	private boolean waitBeforeRetry(ProviderClient provider, AttemptFailure failure, int attempt, long deadlineAt) {
		if (!failure.retryable() || attempt >= provider.maxRetries()) {
			return false;
		}
		Duration wait = backoff(attempt);
		if (failure.retryAfter() != null) {
			if (failure.retryAfter().compareTo(this.retry.maxRetryAfter()) > 0) {
				logger.info(
						"LLM provider {} asked to retry after {}, longer than noterag.llm.retry.max-retry-after "
								+ "({}); trying the next provider",
						provider.label(), failure.retryAfter(), this.retry.maxRetryAfter());
				return false;
			}
			wait = failure.retryAfter();
		}
		if (wait.compareTo(remaining(deadlineAt)) >= 0) {
			return false;
		}
		try {
			Thread.sleep(wait);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void recordFailure(ProviderClient provider, AttemptFailure failure, long attemptStart,
			Throwable error) {
		long elapsed = System.nanoTime() - attemptStart;
		if (failure.providerFault()) {
			provider.breaker().onError(elapsed, TimeUnit.NANOSECONDS, error);
		}
		else {
			provider.breaker().onSuccess(elapsed, TimeUnit.NANOSECONDS);
		}
	}

	private Duration backoff(int attempt) {
		double millis = this.retry.initialBackoff().toMillis() * Math.pow(this.retry.multiplier(), attempt);
		return min(Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE / 2.0)), this.retry.maxBackoff());
	}

	@Override
	public Cancellable stream(ChatRequest request, ChatStreamListener listener) {
		StreamCall call = new StreamCall(request, listener);
		Thread thread = Thread.ofVirtual().name("llm-stream").unstarted(call);
		call.thread = thread;
		thread.start();
		return call::cancel;
	}

	private boolean cacheable(ChatRequest request) {
		return this.cache != null && (!this.cacheTemperatureZeroOnly || request.temperature() == 0.0);
	}

	/**
	 * The hash of everything that shapes an answer: the configured chain (types, models,
	 * URLs), the messages, the temperature, the answer length and the JSON flag.
	 */
	private String cacheKey(ChatRequest request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			update(digest, this.chain);
			for (ChatMessage message : request.messages()) {
				update(digest, message.role().name());
				update(digest, message.content());
			}
			update(digest, Double.toString(request.temperature()));
			update(digest, Integer.toString(request.maxOutputTokens()));
			update(digest, Boolean.toString(request.json()));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void update(MessageDigest digest, String part) {
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		// the length first, so that ("ab", "c") and ("a", "bc") differ
		digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
		digest.update((byte) ':');
		digest.update(bytes);
	}

	private ChatResult result(ProviderClient provider, String text, TokenUsage usage, long start) {
		long input = (usage != null && usage.inputTokenCount() != null) ? usage.inputTokenCount() : 0;
		long output = (usage != null && usage.outputTokenCount() != null) ? usage.outputTokenCount() : 0;
		LlmProperties.Price price = this.prices.get(provider.model());
		double cost = (price != null)
				? (input * price.inputPerMillion() + output * price.outputPerMillion()) / 1_000_000.0 : 0.0;
		return new ChatResult(text, provider.name(), provider.model(), input, output, cost, false, since(start));
	}

	private String describe(ProviderClient provider, AttemptFailure last, int attempts, String reason) {
		StringBuilder line = new StringBuilder(provider.label()).append(": ");
		if (last != null) {
			line.append(provider.redact(last.description()))
				.append(" (")
				.append(attempts)
				.append((attempts == 1) ? " attempt" : " attempts")
				.append(')');
			if (reason != null) {
				line.append("; then ").append(reason);
			}
		}
		else {
			line.append((reason != null) ? reason : "failed");
		}
		return line.toString();
	}

	private static ChatUnavailableException unavailable(List<String> failures) {
		return new ChatUnavailableException("No language model could answer: " + String.join("; ", failures), failures);
	}

	private static Duration remaining(long deadlineAt) {
		long left = deadlineAt - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void close() {
		this.providers.forEach(ProviderClient::close);
	}

	@Override
	public String toString() {
		return "LangChain4jChatGateway" + this.providers;
	}

	/** One streamed answer, run on its own virtual thread. */
	private final class StreamCall implements Runnable {

		private final ChatRequest request;

		private final ChatStreamListener listener;

		private volatile boolean cancelled;

		private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

		private volatile CallScope scope;

		private volatile Thread thread;

		StreamCall(ChatRequest request, ChatStreamListener listener) {
			this.request = request;
			this.listener = listener;
		}

		void cancel() {
			synchronized (this) {
				// waits for a listener call in progress: nothing reaches the listener
				// afterwards
				if (this.cancelled) {
					return;
				}
				this.cancelled = true;
			}
			CallScope current = this.scope;
			if (current != null) {
				current.cancel();
			}
			Thread running = this.thread;
			if (running != null && running != Thread.currentThread()) {
				running.interrupt();
			}
		}

		private synchronized void complete(ChatResult result) {
			if (!this.cancelled && this.finished.compareAndSet(false, true)) {
				this.listener.onComplete(result);
			}
		}

		private synchronized void fail(Throwable error) {
			if (!this.cancelled && this.finished.compareAndSet(false, true)) {
				this.listener.onError(error);
			}
		}

		private synchronized boolean token(String token) {
			if (this.cancelled || this.finished.get()) {
				return false;
			}
			this.listener.onToken(token);
			return true;
		}

		@Override
		public void run() {
			long start = System.nanoTime();
			long deadlineAt = deadlineAt(this.request, start);
			List<String> failures = new ArrayList<>();
			try {
				for (ProviderClient provider : LangChain4jChatGateway.this.providers) {
					if (streamFrom(provider, start, deadlineAt, failures)) {
						return;
					}
				}
				fail(unavailable(failures));
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}

		/**
		 * Streams from one provider, with its retries.
		 * @return {@code true} when the stream ended here (answered, broke after tokens,
		 * or was cancelled); {@code false} to try the next provider
		 */
		private boolean streamFrom(ProviderClient provider, long start, long deadlineAt, List<String> failures) {
			dev.langchain4j.model.chat.request.ChatRequest chatRequest = ProviderClient.toLangChain4j(this.request);
			AttemptFailure last = null;
			int attempts = 0;
			for (int attempt = 0; attempt <= provider.maxRetries(); attempt++) {
				if (this.cancelled) {
					return true;
				}
				Duration left = remaining(deadlineAt);
				if (left.isZero()) {
					failures.add(describe(provider, last, attempts, "the call's deadline passed"));
					return false;
				}
				if (!provider.breaker().tryAcquirePermission()) {
					failures.add(describe(provider, last, attempts, "skipped: its circuit breaker is open"));
					return false;
				}
				Duration timeout = min(provider.timeout(), left);
				attempts++;
				long attemptStart = System.nanoTime();
				Attempt outcome = attempt(provider, chatRequest, timeout, deadlineAt);
				if (this.cancelled) {
					provider.breaker().releasePermission();
					return true;
				}
				AttemptFailure failure;
				if (outcome.response != null) {
					provider.breaker().onSuccess(System.nanoTime() - attemptStart, TimeUnit.NANOSECONDS);
					String text = (outcome.response.aiMessage() != null && outcome.response.aiMessage().text() != null)
							? outcome.response.aiMessage().text() : outcome.text;
					if (this.request.json()) {
						JsonAnswers.Checked checked = JsonAnswers.check(text);
						if (!checked.valid()) {
							// the pieces were delivered already: no other attempt can
							// replace them
							failure = AttemptFailure.notJson(checked.problem());
							String line = describe(provider, failure, attempts, null);
							failures.add(line);
							fail(new ChatUnavailableException(
									"The language model's streamed answer is not JSON: " + line, failures));
							return true;
						}
						text = checked.json();
					}
					complete(result(provider, text, outcome.response.tokenUsage(), start));
					return true;
				}
				failure = outcome.failure;
				recordFailure(provider, failure, attemptStart, outcome.error);
				last = failure;
				logger.warn("LLM provider {}, streaming attempt {} of {}: {}{}", provider.label(), attempt + 1,
						provider.maxRetries() + 1, provider.redact(failure.description()),
						(outcome.tokens > 0) ? " after " + outcome.tokens + " pieces of the answer" : "");
				if (outcome.tokens > 0) {
					failures.add(describe(provider, failure, attempts, null));
					fail(new ChatUnavailableException(
							"The language model's answer broke off: " + describe(provider, failure, attempts, null),
							failures));
					return true;
				}
				if (!waitBeforeRetry(provider, failure, attempt, deadlineAt)) {
					break;
				}
			}
			if (this.cancelled) {
				return true;
			}
			failures.add(describe(provider, last, attempts, null));
			return false;
		}

		/**
		 * Runs one attempt until it ends, goes quiet for longer than the timeout, or is
		 * cancelled. The call's deadline bounds the wait for the first piece; once the
		 * answer is under way only the provider's timeout between two pieces applies, so
		 * that a long answer is not cut off.
		 */
		private Attempt attempt(ProviderClient provider, dev.langchain4j.model.chat.request.ChatRequest chatRequest,
				Duration timeout, long deadlineAt) {
			CallScope attemptScope = new CallScope();
			this.scope = attemptScope;
			if (this.cancelled) {
				attemptScope.cancel();
				return new Attempt(null, null, null, 0, "");
			}
			Pieces handler = new Pieces(this);
			try {
				StreamingChatModel model = provider.streamingModel(this.request, timeout, attemptScope);
				model.chat(chatRequest, handler);
			}
			catch (RuntimeException ex) {
				handler.done.complete(ex);
			}
			Object end;
			while (true) {
				long quiet = System.nanoTime() - handler.lastActivity;
				boolean started = handler.tokens.get() > 0;
				Duration limit = started ? provider.timeout() : timeout;
				long wait = started ? limit.toNanos() - quiet
						: Math.min(limit.toNanos() - quiet, deadlineAt - System.nanoTime());
				if (wait <= 0) {
					handler.active = false;
					attemptScope.cancel();
					return new Attempt(null, AttemptFailure.timedOut(limit),
							new TimeoutException("no data within " + limit), handler.tokens.get(), handler.text());
				}
				try {
					end = handler.done.get(wait, TimeUnit.NANOSECONDS);
					break;
				}
				catch (TimeoutException ex) {
					// look again: pieces may have arrived meanwhile
				}
				catch (InterruptedException ex) {
					handler.active = false;
					attemptScope.cancel();
					return new Attempt(null, null, null, handler.tokens.get(), handler.text());
				}
				catch (ExecutionException ex) {
					end = ex.getCause();
					break;
				}
			}
			handler.active = false;
			if (end instanceof ChatResponse response) {
				return new Attempt(response, null, null, handler.tokens.get(), handler.text());
			}
			Throwable error = (Throwable) end;
			return new Attempt(null, AttemptFailure.of(error, timeout), error, handler.tokens.get(), handler.text());
		}

	}

	/** Forwards one attempt's pieces to the listener and notes how it ended. */
	private static final class Pieces implements StreamingChatResponseHandler {

		private final StreamCall call;

		private final CompletableFuture<Object> done = new CompletableFuture<>();

		private final AtomicInteger tokens = new AtomicInteger();

		private final StringBuilder text = new StringBuilder();

		private volatile long lastActivity = System.nanoTime();

		private volatile boolean active = true;

		Pieces(StreamCall call) {
			this.call = call;
		}

		@Override
		public void onPartialResponse(String partialResponse) {
			if (!this.active || this.call.cancelled || partialResponse == null || partialResponse.isEmpty()) {
				return;
			}
			this.lastActivity = System.nanoTime();
			synchronized (this.text) {
				this.text.append(partialResponse);
			}
			try {
				if (this.call.token(partialResponse)) {
					this.tokens.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("The stream listener failed; cancelling the stream", ex);
				this.call.cancel();
			}
		}

		String text() {
			synchronized (this.text) {
				return this.text.toString();
			}
		}

		@Override
		public void onCompleteResponse(ChatResponse completeResponse) {
			this.done.complete(completeResponse);
		}

		@Override
		public void onError(Throwable error) {
			this.done.complete(error);
		}

	}

	/** How one streaming attempt ended. */
	private record Attempt(ChatResponse response, AttemptFailure failure, Throwable error, int tokens, String text) {

	}

}
