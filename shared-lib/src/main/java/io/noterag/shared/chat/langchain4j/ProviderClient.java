package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.LlmProperties;

/**
 * One configured provider: its settings, its circuit breaker and its HTTP connection
 * pool. The langchain4j model is built anew for each attempt (a cheap object) so that it
 * carries the attempt's timeout, parameters and {@link CallScope}; the connections are
 * shared.
 */
final class ProviderClient implements AutoCloseable {

	/**
	 * What a JSON request tells the model first, from the template
	 * {@code json-instruction.txt} beside this class.
	 */
	static final String JSON_INSTRUCTION = template("json-instruction.txt");

	private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(LlmProperties.Provider.OPENAI,
			"https://api.openai.com/v1", LlmProperties.Provider.ANTHROPIC, "https://api.anthropic.com/v1",
			LlmProperties.Provider.OLLAMA, "http://localhost:11434");

	private final String name;

	private final String type;

	private final String model;

	private final String baseUrl;

	private final String apiKey;

	private final Duration timeout;

	private final int maxRetries;

	private final CircuitBreaker breaker;

	private final java.net.http.HttpClient http;

	ProviderClient(String name, LlmProperties.Provider settings, CircuitBreaker breaker) {
		this.name = name;
		this.type = settings.type();
		this.model = settings.model().strip();
		URI base = settings.baseUrl();
		this.baseUrl = (base != null) ? base.toString() : DEFAULT_BASE_URLS.get(this.type);
		this.apiKey = (settings.apiKey() != null && !settings.apiKey().isBlank()) ? settings.apiKey().strip() : null;
		this.timeout = settings.timeout();
		this.maxRetries = settings.maxRetries();
		this.breaker = breaker;
		this.http = java.net.http.HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
	}

	String name() {
		return this.name;
	}

	String type() {
		return this.type;
	}

	String model() {
		return this.model;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	Duration timeout() {
		return this.timeout;
	}

	int maxRetries() {
		return this.maxRetries;
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/** How the provider is named in messages: {@code openai (gpt-4o-mini)}. */
	String label() {
		return this.name + " (" + this.model + ")";
	}

	/**
	 * Removes the API key from a text that may echo it.
	 * @param text a message
	 * @return the message without the key
	 */
	String redact(String text) {
		return (this.apiKey != null && text != null) ? text.replace(this.apiKey, "***") : text;
	}

	ChatModel chatModel(ChatRequest request, Duration timeout, CallScope scope) {
		CallHttpClient.Builder httpClient = new CallHttpClient.Builder(this.http, timeout, scope);
		ResponseFormat format = request.json() ? ResponseFormat.JSON : null;
		return switch (this.type) {
			case LlmProperties.Provider.OPENAI,
					LlmProperties.Provider.AZURE_OPENAI ->
				OpenAiChatModel.builder()
					.httpClientBuilder(httpClient)
					.baseUrl(this.baseUrl)
					.apiKey(LlmProperties.Provider.OPENAI.equals(this.type) ? this.apiKey : null)
					.customHeaders(azureHeaders())
					.modelName(this.model)
					.temperature(request.temperature())
					.maxTokens(request.maxOutputTokens())
					.responseFormat(format)
					.timeout(timeout)
					.maxRetries(0)
					.build();
			case LlmProperties.Provider.ANTHROPIC -> AnthropicChatModel.builder()
				.httpClientBuilder(httpClient)
				.baseUrl(this.baseUrl)
				.apiKey(this.apiKey)
				.modelName(this.model)
				.temperature(anthropicTemperature(request))
				.maxTokens(request.maxOutputTokens())
				.timeout(timeout)
				.maxRetries(0)
				.build();
			case LlmProperties.Provider.OLLAMA -> OllamaChatModel.builder()
				.httpClientBuilder(httpClient)
				.baseUrl(this.baseUrl)
				.customHeaders(bearerHeader())
				.modelName(this.model)
				.temperature(request.temperature())
				.numPredict(request.maxOutputTokens())
				.responseFormat(format)
				.timeout(timeout)
				.maxRetries(0)
				.build();
			default -> throw new IllegalStateException("Unknown provider type " + this.type);
		};
	}

	StreamingChatModel streamingModel(ChatRequest request, Duration timeout, CallScope scope) {
		CallHttpClient.Builder httpClient = new CallHttpClient.Builder(this.http, timeout, scope);
		ResponseFormat format = request.json() ? ResponseFormat.JSON : null;
		return switch (this.type) {
			case LlmProperties.Provider.OPENAI,
					LlmProperties.Provider.AZURE_OPENAI ->
				OpenAiStreamingChatModel.builder()
					.httpClientBuilder(httpClient)
					.baseUrl(this.baseUrl)
					.apiKey(LlmProperties.Provider.OPENAI.equals(this.type) ? this.apiKey : null)
					.customHeaders(azureHeaders())
					.modelName(this.model)
					.temperature(request.temperature())
					.maxTokens(request.maxOutputTokens())
					.responseFormat(format)
					.timeout(timeout)
					.build();
			case LlmProperties.Provider.ANTHROPIC -> AnthropicStreamingChatModel.builder()
				.httpClientBuilder(httpClient)
				.baseUrl(this.baseUrl)
				.apiKey(this.apiKey)
				.modelName(this.model)
				.temperature(anthropicTemperature(request))
				.maxTokens(request.maxOutputTokens())
				.timeout(timeout)
				.build();
			case LlmProperties.Provider.OLLAMA -> OllamaStreamingChatModel.builder()
				.httpClientBuilder(httpClient)
				.baseUrl(this.baseUrl)
				.customHeaders(bearerHeader())
				.modelName(this.model)
				.temperature(request.temperature())
				.numPredict(request.maxOutputTokens())
				.responseFormat(format)
				.timeout(timeout)
				.build();
			default -> throw new IllegalStateException("Unknown provider type " + this.type);
		};
	}

	/**
	 * The request's messages for langchain4j; a JSON request gets an instruction to
	 * answer with JSON only (OpenAI's JSON mode even refuses a prompt that does not
	 * mention JSON).
	 */
	static dev.langchain4j.model.chat.request.ChatRequest toLangChain4j(ChatRequest request) {
		List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
		for (ChatMessage message : request.messages()) {
			messages.add(switch (message.role()) {
				case SYSTEM -> SystemMessage.from(message.content());
				case USER -> UserMessage.from(message.content());
				case ASSISTANT -> AiMessage.from(message.content());
			});
		}
		if (request.json()) {
			messages.add(0, SystemMessage.from(JSON_INSTRUCTION));
		}
		return dev.langchain4j.model.chat.request.ChatRequest.builder().messages(messages).build();
	}

	private static String template(String name) {
		try (InputStream in = ProviderClient.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(
						"The prompt template " + name + " is missing beside " + ProviderClient.class.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the prompt template " + name, ex);
		}
	}

	private Map<String, String> azureHeaders() {
		return (LlmProperties.Provider.AZURE_OPENAI.equals(this.type) && this.apiKey != null)
				? Map.of("api-key", this.apiKey) : Map.of();
	}

	private Map<String, String> bearerHeader() {
		return (this.apiKey != null) ? Map.of("Authorization", "Bearer " + this.apiKey) : Map.of();
	}

	/** Anthropic accepts temperatures up to 1. */
	private static double anthropicTemperature(ChatRequest request) {
		return Math.min(1.0, request.temperature());
	}

	@Override
	public void close() {
		// aborts the exchanges still running rather than waiting for them
		this.http.shutdownNow();
	}

	@Override
	public String toString() {
		return "ProviderClient[name=" + this.name + ", type=" + this.type + ", model=" + this.model + ", baseUrl="
				+ this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "***" : null) + "]";
	}

}
