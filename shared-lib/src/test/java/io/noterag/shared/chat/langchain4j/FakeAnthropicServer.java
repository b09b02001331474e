package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server for Anthropic's {@code POST /v1/messages} as its API reference describes
 * it: {@code x-api-key} and {@code anthropic-version} headers, {@code max_tokens}
 * required, a {@code message} with {@code content[{type: text, text}]} and
 * {@code usage{input_tokens, output_tokens}}, or with {@code "stream": true} the events
 * {@code message_start}, {@code content_block_start}, {@code ping},
 * {@code content_block_delta} ({@code text_delta}), {@code content_block_stop},
 * {@code message_delta} (with the output tokens) and {@code message_stop}; errors as
 * {@code {"type": "error", "error": {"type", "message"}}}. The prompt's tokens are its
 * words (system prompt included); the answer's tokens are its pieces.
 */
final class FakeAnthropicServer extends FakeLlmServer {

	static final String PATH = "/v1/messages";

	static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
			+ "\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";

	/** Anthropic's refusal of a prompt longer than the model's context window. */
	static final String PROMPT_TOO_LONG = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
			+ "\"message\":\"prompt is too long: 210431 tokens > 200000 maximum\"},"
			+ "\"request_id\":\"req_011CSHp2W4zTVqE1d8rT9Lmx\"}";

	private final String id = "msg_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);

	FakeAnthropicServer(String apiKey, String defaultAnswer) throws IOException {
		super(PATH, apiKey, defaultAnswer);
	}

	@Override
	protected String unauthorised(HttpExchange exchange) {
		String key = exchange.getRequestHeaders().getFirst("x-api-key");
		if (key == null || !key.equals(this.apiKey)) {
			return "invalid x-api-key";
		}
		return null;
	}

	@Override
	protected String invalid(JsonNode request) {
		if (!request.path("model").isString()) {
			return "model: Field required";
		}
		if (!request.path("max_tokens").isIntegralNumber()) {
			return "max_tokens: Field required";
		}
		if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
			return "messages: at least one message is required";
		}
		for (JsonNode message : request.path("messages")) {
			if ("system".equals(message.path("role").asString(null))) {
				return "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` "
						+ "parameter, not \"system\" as an input message role.";
			}
		}
		if (request.path("temperature").isNumber() && request.path("temperature").doubleValue() > 1.0) {
			return "temperature: range: 0..1";
		}
		return null;
	}

	@Override
	protected String errorBody(int status, String message) {
		ObjectNode body = this.json.createObjectNode();
		body.put("type", "error");
		ObjectNode error = body.putObject("error");
		error.put("type", (status == 401) ? "authentication_error" : "invalid_request_error");
		error.put("message", message);
		return this.json.writeValueAsString(body);
	}

	@Override
	protected int inputTokens(JsonNode request) {
		int tokens = 0;
		JsonNode system = request.path("system");
		if (system.isString()) {
			tokens += words(system.asString());
		}
		for (JsonNode block : system.isArray() ? system : this.json.createArrayNode()) {
			tokens += words(block.path("text").asString(""));
		}
		for (JsonNode message : request.path("messages")) {
			JsonNode content = message.path("content");
			if (content.isString()) {
				tokens += words(content.asString());
			}
			for (JsonNode block : content.isArray() ? content : this.json.createArrayNode()) {
				tokens += words(block.path("text").asString(""));
			}
		}
		return tokens;
	}

	@Override
	protected String completion(JsonNode request, String text, int inputTokens, int outputTokens) {
		ObjectNode body = this.json.createObjectNode();
		body.put("id", this.id);
		body.put("type", "message");
		body.put("role", "assistant");
		body.put("model", request.path("model").asString());
		ObjectNode block = body.putArray("content").addObject();
		block.put("type", "text");
		block.put("text", text);
		body.put("stop_reason", "end_turn");
		body.putNull("stop_sequence");
		ObjectNode usage = body.putObject("usage");
		usage.put("input_tokens", inputTokens);
		usage.put("cache_creation_input_tokens", 0);
		usage.put("cache_read_input_tokens", 0);
		usage.put("output_tokens", outputTokens);
		usage.put("service_tier", "standard");
		return this.json.writeValueAsString(body);
	}

	@Override
	protected List<String> streamStart(JsonNode request, int inputTokens) {
		ObjectNode start = this.json.createObjectNode();
		start.put("type", "message_start");
		ObjectNode message = start.putObject("message");
		message.put("id", this.id);
		message.put("type", "message");
		message.put("role", "assistant");
		message.putArray("content");
		message.put("model", request.path("model").asString());
		message.putNull("stop_reason");
		message.putNull("stop_sequence");
		ObjectNode usage = message.putObject("usage");
		usage.put("input_tokens", inputTokens);
		usage.put("cache_creation_input_tokens", 0);
		usage.put("cache_read_input_tokens", 0);
		usage.put("output_tokens", 1);
		ObjectNode blockStart = this.json.createObjectNode();
		blockStart.put("type", "content_block_start");
		blockStart.put("index", 0);
		blockStart.putObject("content_block").put("type", "text").put("text", "");
		return List.of(event("message_start", start), event("content_block_start", blockStart),
				"event: ping\ndata: {\"type\": \"ping\"}\n\n");
	}

	@Override
	protected String streamPiece(JsonNode request, String piece) {
		ObjectNode delta = this.json.createObjectNode();
		delta.put("type", "content_block_delta");
		delta.put("index", 0);
		delta.putObject("delta").put("type", "text_delta").put("text", piece);
		return event("content_block_delta", delta);
	}

	@Override
	protected List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens) {
		ObjectNode blockStop = this.json.createObjectNode();
		blockStop.put("type", "content_block_stop");
		blockStop.put("index", 0);
		ObjectNode messageDelta = this.json.createObjectNode();
		messageDelta.put("type", "message_delta");
		messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
		messageDelta.putObject("usage").put("output_tokens", outputTokens);
		ObjectNode stop = this.json.createObjectNode();
		stop.put("type", "message_stop");
		return List.of(event("content_block_stop", blockStop), event("message_delta", messageDelta),
				event("message_stop", stop));
	}

	private String event(String name, ObjectNode data) {
		return "event: " + name + "\ndata: " + this.json.writeValueAsString(data) + "\n\n";
	}

}
