package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server for Ollama's own {@code POST /api/chat} as its API reference describes
 * it: a reply with {@code message.content}, {@code done}, {@code prompt_eval_count} and
 * {@code eval_count}, or with {@code "stream": true} (Ollama's default) newline-delimited
 * JSON objects, one per piece, the last with {@code "done": true} and the counts; errors
 * as {@code {"error": "..."}}. No key is needed. The prompt's tokens are its words; the
 * answer's tokens are its pieces.
 */
final class FakeOllamaServer extends FakeLlmServer {

	static final String PATH = "/api/chat";

	FakeOllamaServer(String defaultAnswer) throws IOException {
		super(PATH, null, defaultAnswer);
	}

	@Override
	protected String streamContentType() {
		return "application/x-ndjson";
	}

	@Override
	protected String unauthorised(HttpExchange exchange) {
		return null;
	}

	@Override
	protected String invalid(JsonNode request) {
		if (!request.path("model").isString() || request.path("model").asString().isBlank()) {
			return "model is required";
		}
		if (!request.path("messages").isArray()) {
			return "messages must be an array";
		}
		return null;
	}

	@Override
	protected String errorBody(int status, String message) {
		return this.json.writeValueAsString(this.json.createObjectNode().put("error", message));
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
		ObjectNode body = line(request, text);
		done(body, inputTokens, outputTokens);
		return this.json.writeValueAsString(body);
	}

	@Override
	protected List<String> streamStart(JsonNode request, int inputTokens) {
		return List.of();
	}

	@Override
	protected String streamPiece(JsonNode request, String piece) {
		ObjectNode line = line(request, piece);
		line.put("done", false);
		return this.json.writeValueAsString(line) + "\n";
	}

	@Override
	protected List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens) {
		ObjectNode last = line(request, "");
		done(last, inputTokens, outputTokens);
		return List.of(this.json.writeValueAsString(last) + "\n");
	}

	private ObjectNode line(JsonNode request, String content) {
		ObjectNode line = this.json.createObjectNode();
		line.put("model", request.path("model").asString());
		line.put("created_at", "2026-11-25T21:22:42.180546Z");
		line.putObject("message").put("role", "assistant").put("content", content);
		return line;
	}

	private static void done(ObjectNode line, int inputTokens, int outputTokens) {
		line.put("done_reason", "stop");
		line.put("done", true);
		line.put("total_duration", 181553584L);
		line.put("load_duration", 27906292L);
		line.put("prompt_eval_count", inputTokens);
		line.put("prompt_eval_duration", 109000000L);
		line.put("eval_count", outputTokens);
		line.put("eval_duration", 42000000L);
	}

}
