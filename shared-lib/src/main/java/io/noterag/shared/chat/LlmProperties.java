package io.noterag.shared.chat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The language models a service may ask through the {@link ChatGateway}, tried in the
 * order listed, and how the gateway retries, breaks circuits, caches and prices. Nothing
 * set means no provider: the gateway reports {@link ChatGateway#configured()}
 * {@code false} and the service answers without a language model.
 *
 * @param providers the providers, first tried first ({@code noterag.llm.providers[0]...})
 * @param deadline the most time one call may take over all providers, retries and waits
 * included: no attempt starts after it and each attempt's timeout is cut to what is left
 * (for a streamed answer, the most time until its first piece). A request may bring an
 * earlier deadline of its own ({@link ChatRequest#deadline()}), so that the calls that
 * answer one user request share one budget. The default of 40 s leaves a caller behind a
 * 60 s proxy timeout room for its own work; no provider's {@code timeout} may be longer
 * (the start-up fails)
 * @param retry how a provider's failed attempts are retried
 * @param circuitBreaker when a provider is skipped after repeated failures
 * @param cache the response cache in Redis
 * @param prices USD per million input and output tokens, by model name as configured in
 * {@code providers[n].model}; a model name with dots or slashes goes in brackets, such as
 * {@code noterag.llm.prices[gpt-4.1-mini].input-per-million=0.4}. A model without a price
 * is reported as costing 0.
 */
@Validated
@ConfigurationProperties(prefix = "noterag.llm")
public record LlmProperties(@NotNull @Valid @DefaultValue List<Provider> providers,
		@NotNull @DurationMin(millis = 1) @DefaultValue("40s") Duration deadline,
		@NotNull @Valid @DefaultValue Retry retry, @NotNull @Valid @DefaultValue CircuitBreaker circuitBreaker,
		@NotNull @Valid @DefaultValue Cache cache, @NotNull @Valid @DefaultValue Map<String, Price> prices) {

	/** The provider types the gateway knows. */
	public static final List<String> TYPES = List.of(Provider.OPENAI, Provider.AZURE_OPENAI, Provider.ANTHROPIC,
			Provider.OLLAMA);

	/**
	 * One language model provider.
	 *
	 * @param type {@code openai} (OpenAI, or any server with OpenAI's chat completions
	 * API at {@code base-url}: vLLM, LiteLLM, Ollama's {@code /v1}), {@code azure-openai}
	 * (Azure OpenAI's v1 API, {@code https://<resource>.openai.azure.com/openai/v1}),
	 * {@code anthropic} (Anthropic's Messages API) or {@code ollama} (Ollama's own
	 * {@code /api/chat}); required
	 * @param name the provider's name in results, logs and metrics; defaults to the type,
	 * or the type and the entry's index when several entries have the same type
	 * @param model the model, such as {@code gpt-4o-mini}, {@code claude-sonnet-4-5} or
	 * {@code llama3.1:8b}; for Azure the deployment name; required
	 * @param baseUrl the API's base URL; defaults to {@code https://api.openai.com/v1},
	 * {@code https://api.anthropic.com/v1} and {@code http://localhost:11434}; required
	 * for {@code azure-openai}
	 * @param apiKey the API key (sent as {@code Authorization: Bearer}, Azure's
	 * {@code api-key} or Anthropic's {@code x-api-key}); required for {@code anthropic}
	 * and {@code azure-openai}, optional for OpenAI-compatible and Ollama servers; never
	 * logged
	 * @param timeout the most time one attempt may take; for a streamed answer, the most
	 * time until the answer starts and between two of its pieces; never longer than
	 * {@code noterag.llm.deadline}. The default (15 s, one retry) lets a provider that
	 * hangs be given up in time for the next one within the default deadline
	 * @param maxRetries how many times a failed attempt is repeated on this provider
	 * before the next provider is tried (timeouts, connection failures, 429, 5xx)
	 */
	public record Provider(String type, String name, String model, URI baseUrl, String apiKey,
			@NotNull @DurationMin(millis = 1) @DefaultValue("15s") Duration timeout,
			@Min(0) @Max(10) @DefaultValue("1") int maxRetries) {

		/** OpenAI and OpenAI-compatible servers. */
		public static final String OPENAI = "openai";

		/** Azure OpenAI. */
		public static final String AZURE_OPENAI = "azure-openai";

		/** Anthropic. */
		public static final String ANTHROPIC = "anthropic";

		/** Ollama's native API. */
		public static final String OLLAMA = "ollama";

		@Override
		public String toString() {
			// never print the API key
			return "Provider[type=" + this.type + ", name=" + this.name + ", model=" + this.model + ", baseUrl="
					+ this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "***" : null) + ", timeout=" + this.timeout
					+ ", maxRetries=" + this.maxRetries + "]";
		}

	}

	/**
	 * How a provider's failed attempts are retried: after an exponential back-off, or
	 * after the time the provider asked for in {@code Retry-After} (429, 503).
	 *
	 * @param initialBackoff the wait before the first retry
	 * @param multiplier how much longer each next wait is
	 * @param maxBackoff the longest back-off
	 * @param maxRetryAfter the longest {@code Retry-After} the gateway waits for; a
	 * provider asking for longer is left for the next provider at once
	 */
	public record Retry(@NotNull @DurationMin(millis = 0) @DefaultValue("500ms") Duration initialBackoff,
			@DecimalMin("1.0") @DecimalMax("10.0") @DefaultValue("2.0") double multiplier,
			@NotNull @DurationMin(millis = 0) @DefaultValue("8s") Duration maxBackoff,
			@NotNull @DurationMin(millis = 0) @DefaultValue("20s") Duration maxRetryAfter) {

	}

	/**
	 * One resilience4j circuit breaker per provider, counting attempts: when at least
	 * {@code minimumNumberOfCalls} of the last {@code slidingWindowSize} attempts were
	 * made and {@code failureRateThreshold} percent of them failed (timeouts, connection
	 * failures, 401, 403, 404, 429, 5xx), the provider is skipped without a request for
	 * {@code waitDurationInOpenState}, then probed with
	 * {@code permittedCallsInHalfOpenState} attempts.
	 *
	 * @param failureRateThreshold the failure percentage that opens the breaker
	 * @param slidingWindowSize how many recent attempts are counted
	 * @param minimumNumberOfCalls how many attempts are needed before the rate counts
	 * @param waitDurationInOpenState how long an open breaker skips the provider
	 * @param permittedCallsInHalfOpenState how many probe attempts decide whether it
	 * closes again
	 */
	public record CircuitBreaker(@DecimalMin("1.0") @DecimalMax("100.0") @DefaultValue("50") float failureRateThreshold,
			@Min(1) @Max(1000) @DefaultValue("10") int slidingWindowSize,
			@Min(1) @Max(1000) @DefaultValue("5") int minimumNumberOfCalls,
			@NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration waitDurationInOpenState,
			@Min(1) @Max(100) @DefaultValue("1") int permittedCallsInHalfOpenState) {

	}

	/**
	 * The response cache in Redis (through the service's {@code StringRedisTemplate}). By
	 * default only requests with temperature 0 are cached: only they ask for the one most
	 * likely answer, so a repeated question gets the same answer either way, while a
	 * request with a higher temperature asks for variety that a cache would take away.
	 * Streamed answers are never cached. Without Redis, or while it is down, calls go to
	 * the providers (with a warning).
	 *
	 * @param enabled whether answers are cached at all
	 * @param ttl how long an answer is kept
	 * @param keyPrefix the prefix of the cache's Redis keys; defaults to
	 * {@code noterag.cache.key-prefix} followed by {@code llm:}, or {@code noterag:llm:}
	 * @param temperatureZeroOnly whether only requests with temperature 0 are cached
	 */
	public record Cache(@DefaultValue("true") boolean enabled,
			@NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration ttl, String keyPrefix,
			@DefaultValue("true") boolean temperatureZeroOnly) {

	}

	/**
	 * A model's price.
	 *
	 * @param inputPerMillion USD per million input (prompt) tokens
	 * @param outputPerMillion USD per million output (answer) tokens
	 */
	public record Price(@PositiveOrZero @DefaultValue("0") double inputPerMillion,
			@PositiveOrZero @DefaultValue("0") double outputPerMillion) {

	}

}
