package io.noterag.shared.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local server that speaks OpenAI's chat-completions protocol
 * ({@code POST /v1/chat/completions}, JSON or {@code text/event-stream} chunks with
 * {@code usage}, errors as {@code {"error": {...}}}), written from OpenAI's public API
 * reference. It answers from the first numbered source of the prompt and cites it as
 * {@code [1]}, then cites a source that does not exist ({@code [7]}), as models sometimes
 * do. Asked to rewrite a follow-up, it joins the follow-up with the conversation's first
 * question; asked for a title, it names the conversation after the first question's
 * longer words; asked for search queries (in JSON mode, {@code response_format}
 * {@code json_object}), it answers {@code {"queries": [...]}} made of the question's
 * longer words; asked for a hypothetical answer, it writes a passage that restates the
 * question. A test can make it fail with a status, refuse every prompt as longer than the
 * model's context window (OpenAI's {@code context_length_exceeded} 400), hang before
 * answering, or answer JSON requests with text that is not JSON or JSON of another shape.
 */
public final class LocalOpenAiServer implements AutoCloseable {

	public static final String MODEL = "gpt-4o-mini";

	public static final String API_KEY = "sk-test-local";

	public static final int PROMPT_TOKENS = 321;

	/** How this server rewrites "and the weekly ones?" after a question on backups. */
	public static final String STANDALONE_WEEKLY = "How long are weekly backups kept?";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern FIRST_SOURCE = Pattern.compile("^\\[1] [^\\n]*\\n(.*?)(?:\\n\\n|\\z)",
			Pattern.MULTILINE | Pattern.DOTALL);

	private final HttpServer server;

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger failWith = new AtomicInteger();

	private final AtomicInteger abandonedStreams = new AtomicInteger();

	private volatile long pauseMillis = 20;

	private volatile long hangMillis;

	private volatile boolean contextLengthExceeded;

	private volatile JsonReply jsonReply = JsonReply.VALID;

	private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();

	/** How this server answers requests in JSON mode. */
	public enum JsonReply {

		/** The JSON asked for. */
		VALID,

		/** Text that is not JSON at all. */
		NOT_JSON,

		/** Valid JSON of another shape than asked for. */
		WRONG_SHAPE

	}

	public LocalOpenAiServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/chat/completions", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	public List<JsonNode> requests() {
		return this.requests;
	}

	/**
	 * The requests of one kind, in order: {@code answer}, {@code rewrite} (follow-ups),
	 * {@code title}, {@code variants} (search queries) or {@code hyde} (hypothetical
	 * answers), told apart by their system prompt.
	 * @param kind the kind
	 * @return the requests
	 */
	public List<JsonNode> requests(String kind) {
		return this.requests.stream().filter((request) -> kind.equals(kindOf(request))).toList();
	}

	/**
	 * The last request of one kind.
	 * @param kind {@code answer}, {@code rewrite} or {@code title}
	 * @return the request
	 */
	public JsonNode lastRequest(String kind) {
		List<JsonNode> all = requests(kind);
		if (all.isEmpty()) {
			throw new AssertionError("no " + kind + " request was sent");
		}
		return all.get(all.size() - 1);
	}

	private static String kindOf(JsonNode request) {
		// a JSON request's first system message is the gateway's JSON instruction
		for (JsonNode message : request.path("messages")) {
			if (!"system".equals(message.path("role").asString(""))) {
				continue;
			}
			String system = message.path("content").asString("");
			if (system.startsWith("You rewrite the last question")) {
				return "rewrite";
			}
			if (system.startsWith("You name conversations")) {
				return "title";
			}
			if (system.startsWith("You write search queries")) {
				return "variants";
			}
			if (system.startsWith("You write a short passage")) {
				return "hyde";
			}
		}
		return "answer";
	}

	public void failWith(int status) {
		this.failWith.set(status);
	}

	/**
	 * Waits this long before answering each request (0: not at all), as a provider that
	 * hangs does.
	 * @param hang the wait
	 */
	public void hang(java.time.Duration hang) {
		this.hangMillis = hang.toMillis();
	}

	/**
	 * Refuses every request as longer than the model's context window, with OpenAI's
	 * {@code 400 context_length_exceeded}, or answers again.
	 * @param exceeded whether to refuse
	 */
	public void contextLengthExceeded(boolean exceeded) {
		this.contextLengthExceeded = exceeded;
	}

	/**
	 * How requests in JSON mode are answered from now on.
	 * @param reply the kind of reply
	 */
	public void jsonReply(JsonReply reply) {
		this.jsonReply = reply;
	}

	/**
	 * Answers normally again: no failure, hang, refusal or bad JSON.
	 */
	public void reset() {
		this.failWith.set(0);
		this.hangMillis = 0;
		this.contextLengthExceeded = false;
		this.jsonReply = JsonReply.VALID;
		this.pauseMillis = 20;
	}

	/** The pause between two streamed pieces. */
	public void pause(java.time.Duration pause) {
		this.pauseMillis = pause.toMillis();
	}

	/** How many streams the client closed before their end. */
	public int abandonedStreams() {
		return this.abandonedStreams.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			JsonNode body;
			try (InputStream in = exchange.getRequestBody()) {
				body = JSON.readTree(in);
			}
			this.requests.add(body);
			if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
				return;
			}
			if (this.hangMillis > 0) {
				try {
					Thread.sleep(this.hangMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (this.failWith.get() != 0) {
				error(exchange, this.failWith.get(), "The server had an error while processing your request.",
						"server_error", null);
				return;
			}
			if (this.contextLengthExceeded) {
				Map<String, Object> error = new java.util.LinkedHashMap<>();
				error.put("message", "This model's maximum context length is 128000 tokens. However, your messages "
						+ "resulted in 131072 tokens. Please reduce the length of the messages.");
				error.put("type", "invalid_request_error");
				error.put("param", "messages");
				error.put("code", "context_length_exceeded");
				respond(exchange, 400, Map.of("error", error));
				return;
			}
			String answer = answer(body);
			if ("json_object".equals(body.path("response_format").path("type").asString(""))) {
				answer = switch (this.jsonReply) {
					case VALID -> answer;
					case NOT_JSON -> "Here are some queries: backups, retention.";
					case WRONG_SHAPE -> "{\"variants\": 2, \"note\": \"backups\"}";
				};
			}
			int completionTokens = answer.split("\\s+").length;
			if (body.path("stream").asBoolean(false)) {
				stream(exchange, answer, completionTokens,
						body.path("stream_options").path("include_usage").asBoolean());
			}
			else {
				respond(exchange, 200,
						Map.of("id", "chatcmpl-local-1", "object", "chat.completion", "created", 1732550400, "model",
								MODEL, "choices", List.of(Map.of("index", 0, "message",
										Map.of("role", "assistant", "content", answer), "finish_reason", "stop")),
								"usage", usage(completionTokens)));
			}
		}
	}

	private static String answer(JsonNode body) {
		JsonNode messages = body.get("messages");
		String kind = kindOf(body);
		if (kind.equals("variants") || kind.equals("hyde")) {
			String prompt = messages.get(messages.size() - 1).get("content").asString();
			String question = prompt.substring(prompt.indexOf("Question: ") + 10).strip();
			int end = question.indexOf('\n');
			question = ((end >= 0) ? question.substring(0, end) : question).strip().replaceFirst("\\?$", "");
			List<String> words = new ArrayList<>();
			for (String word : question.split("[^\\p{L}\\p{N}]+")) {
				if (word.length() > 3) {
					words.add(word.toLowerCase(java.util.Locale.ROOT));
				}
			}
			if (kind.equals("hyde")) {
				return "The notes say this about " + String.join(" ", words) + ": " + question
						+ ". The runbook keeps the details.";
			}
			return JSON.writeValueAsString(
					Map.of("queries", List.of(String.join(" ", words), "notes on " + String.join(" ", words))));
		}
		if (kind.equals("rewrite")) {
			String conversation = messages.get(messages.size() - 1).get("content").asString();
			String last = conversation.substring(conversation.lastIndexOf("Last question: ") + 15);
			if (last.contains("weekly")) {
				return STANDALONE_WEEKLY;
			}
			Matcher firstQuestion = Pattern.compile("^User: (.*)$", Pattern.MULTILINE).matcher(conversation);
			if (!firstQuestion.find()) {
				return last;
			}
			String followUp = last.strip().replaceFirst("(?i)^and\\s+", "").replaceFirst("\\?$", "");
			return Character.toUpperCase(followUp.charAt(0)) + followUp.substring(1) + ", regarding: "
					+ firstQuestion.group(1).strip();
		}
		if (kind.equals("title")) {
			String prompt = messages.get(messages.size() - 1).get("content").asString();
			String question = prompt.substring("Question: ".length(), prompt.indexOf("\n"));
			List<String> words = new ArrayList<>();
			for (String word : question.split("[^\\p{L}\\p{N}]+")) {
				if (word.length() > 3 && words.size() < 5) {
					words.add(word);
				}
			}
			String title = String.join(" ", words);
			return "\"" + Character.toUpperCase(title.charAt(0)) + title.substring(1) + "\"";
		}
		String prompt = messages.get(messages.size() - 1).get("content").asString();
		Matcher first = FIRST_SOURCE.matcher(prompt);
		int at = prompt.lastIndexOf("Question:");
		List<String> asked = List.of(prompt.substring(Math.max(at, 0)).toLowerCase().split("\\W+"));
		String fact = "Nothing found.";
		if (first.find()) {
			// the sentence of the first source that shares the most words with the
			// question
			int best = 0;
			for (String sentence : first.group(1).split("(?<=[.!?])\\s+|\n")) {
				int shared = 0;
				for (String word : sentence.toLowerCase().split("\\W+")) {
					if (word.length() > 3 && asked.contains(word)) {
						shared++;
					}
				}
				if (shared > best) {
					best = shared;
					fact = sentence.strip();
				}
			}
		}
		return "According to the notes: " + fact + " [1] The other notes may help too [7].";
	}

	private static Map<String, Object> usage(int completionTokens) {
		return Map.of("prompt_tokens", PROMPT_TOKENS, "completion_tokens", completionTokens, "total_tokens",
				PROMPT_TOKENS + completionTokens);
	}

	private void stream(HttpExchange exchange, String answer, int completionTokens, boolean includeUsage)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		List<String> pieces = new ArrayList<>();
		Matcher words = Pattern.compile("\\S+\\s*").matcher(answer);
		while (words.find()) {
			pieces.add(words.group());
		}
		try {
			for (String piece : pieces) {
				chunk(out, Map.of("id", "chatcmpl-local-2", "object", "chat.completion.chunk", "created", 1732550400,
						"model", MODEL, "choices", List.of(Map.of("index", 0, "delta", Map.of("content", piece)))));
				Thread.sleep(this.pauseMillis);
			}
			chunk(out,
					Map.of("id", "chatcmpl-local-2", "object", "chat.completion.chunk", "created", 1732550400, "model",
							MODEL, "choices", List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"))));
			if (includeUsage) {
				chunk(out, Map.of("id", "chatcmpl-local-2", "object", "chat.completion.chunk", "created", 1732550400,
						"model", MODEL, "choices", List.of(), "usage", usage(completionTokens)));
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the client went away
			this.abandonedStreams.incrementAndGet();
		}
	}

	private static void chunk(OutputStream out, Object data) throws IOException {
		out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void error(HttpExchange exchange, int status, String message, String type, String code)
			throws IOException {
		Map<String, Object> error = new java.util.LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		error.put("param", null);
		error.put("code", code);
		respond(exchange, status, Map.of("error", error));
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
