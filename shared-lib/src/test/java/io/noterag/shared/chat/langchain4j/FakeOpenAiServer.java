package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server for OpenAI's {@code POST /v1/chat/completions} as its API reference
 * describes it: {@code Authorization: Bearer} key check, a {@code chat.completion} with
 * {@code choices[0].message.content} and {@code usage} ({@code prompt_tokens},
 * {@code completion_tokens}, {@code total_tokens}), or with {@code "stream": true}
 * {@code text/event-stream} chunks ({@code chat.completion.chunk} with
 * {@code choices[0].delta.content}, a last chunk with {@code finish_reason}, the usage
 * chunk with empty {@code choices} when {@code stream_options.include_usage} is set, and
 * {@code data: [DONE]}); errors as {@code {"error": {"message", "type", "param",
 * "code"}}}. The prompt's tokens are its words; the answer's tokens are its pieces.
 */
final class FakeOpenAiServer extends FakeLlmServer {

	static final String PATH = "/v1/chat/completions";

	static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error while processing your "
			+ "request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

	static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization "
			+ "org-3kYzq2 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit "
			+ "https://platform.openai.com/account/rate-limits to learn more.\",\"type\":\"requests\",\"param\":null,"
			+ "\"code\":\"rate_limit_exceeded\"}}";

	/** OpenAI's refusal of a prompt longer than the model's context window. */
	static final String CONTEXT_LENGTH_EXCEEDED = "{\"error\":{\"message\":\"This model's maximum context length is "
			+ "128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the "
			+ "messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
			+ "\"code\":\"context_length_exceeded\"}}";

	private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

	FakeOpenAiServer(String apiKey, String defaultAnswer) throws IOException {
		super(PATH, apiKey, defaultAnswer);
	}

	@Override
	protected String unauthorised(HttpExchange exchange) {
		if (this.apiKey == null) {
			return null;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null) {
			return "You didn't provide an API key. You need to provide your API key in an Authorization header "
					+ "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
		}
		if (!authorization.equals("Bearer " + this.apiKey)) {
			String given = authorization.replaceFirst("^Bearer ", "");
			return "Incorrect API key provided: " + given + ". You can find your API key at "
					+ "https://platform.openai.com/account/api-keys.";
		}
		return null;
	}

	@Override
	protected String invalid(JsonNode request) {
		if (!request.path("model").isString()) {
			return "you must provide a model parameter";
		}
		if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
			return "[] is too short - 'messages'";
		}
		if ("json_object".equals(request.path("response_format").path("type").asString(null))
				&& !request.path("messages").toString().toLowerCase().contains("json")) {
			return "'messages' must contain the word 'json' in some form, to use 'response_format' of type "
					+ "'json_object'.";
		}
		return null;
	}

	@Override
	protected String errorBody(int status, String message) {
		ObjectNode body = this.json.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", "invalid_request_error");
		error.putNull("param");
		if (status == 401) {
			error.put("code", "invalid_api_key");
		}
		else {
			error.putNull("code");
		}
		return this.json.writeValueAsString(body);
	}

	@Override
	protected int inputTokens(JsonNode request) {
		int tokens = 0;
		for (JsonNode message : request.path("messages")) {
			tokens += words(message.path("content").asString(""));
		}
		return tokens;
	}

	@Override
	protected String completion(JsonNode request, String text, int inputTokens, int outputTokens) {
		ObjectNode body = this.json.createObjectNode();
		body.put("id", this.id);
		body.put("object", "chat.completion");
		body.put("created", 1764100000L);
		body.put("model", request.path("model").asString() + "-2024-07-18");
		ObjectNode choice = body.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", text);
		message.putNull("refusal");
		message.putArray("annotations");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		ObjectNode usage = body.putObject("usage");
		usage.put("prompt_tokens", inputTokens);
		usage.put("completion_tokens", outputTokens);
		usage.put("total_tokens", inputTokens + outputTokens);
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
		body.put("service_tier", "default");
		body.put("system_fingerprint", "fp_560af6e559");
		return this.json.writeValueAsString(body);
	}

	@Override
	protected List<String> streamStart(JsonNode request, int inputTokens) {
		ObjectNode chunk = chunk(request);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("delta").put("role", "assistant").put("content", "").putNull("refusal");
		choice.putNull("logprobs");
		choice.putNull("finish_reason");
		return List.of(event(chunk));
	}

	@Override
	protected String streamPiece(JsonNode request, String piece) {
		ObjectNode chunk = chunk(request);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("delta").put("content", piece);
		choice.putNull("logprobs");
		choice.putNull("finish_reason");
		return event(chunk);
	}

	@Override
	protected List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens) {
		ObjectNode last = chunk(request);
		ObjectNode choice = last.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("delta");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		if (!request.path("stream_options").path("include_usage").asBoolean(false)) {
			return List.of(event(last), "data: [DONE]\n\n");
		}
		ObjectNode usageChunk = chunk(request);
		usageChunk.putArray("choices");
		ObjectNode usage = usageChunk.putObject("usage");
		usage.put("prompt_tokens", inputTokens);
		usage.put("completion_tokens", outputTokens);
		usage.put("total_tokens", inputTokens + outputTokens);
		return List.of(event(last), event(usageChunk), "data: [DONE]\n\n");
	}

	private ObjectNode chunk(JsonNode request) {
		ObjectNode chunk = this.json.createObjectNode();
		chunk.put("id", this.id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", 1764100000L);
		chunk.put("model", request.path("model").asString() + "-2024-07-18");
		chunk.put("service_tier", "default");
		chunk.put("system_fingerprint", "fp_560af6e559");
		if (request.path("stream_options").path("include_usage").asBoolean(false)) {
			chunk.putNull("usage");
		}
		return chunk;
	}

	private String event(ObjectNode chunk) {
		return "data: " + this.json.writeValueAsString(chunk) + "\n\n";
	}

}
