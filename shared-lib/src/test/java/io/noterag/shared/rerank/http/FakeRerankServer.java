package io.noterag.shared.rerank.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local rerank endpoint that speaks Cohere's {@code POST /v2/rerank} as its public API
 * reference describes it, or Jina's {@code /v1/rerank} answers: it checks the bearer key
 * and the request, scores each document by the share of the query's words it contains,
 * and answers with the {@code top_n} best, highest first, with Cohere's {@code id} and
 * {@code meta} (or Jina's {@code model}, {@code usage} and echoed documents). Tests can
 * make it answer with a given status and body, late, or leave results out.
 */
final class FakeRerankServer implements AutoCloseable {

	static final String PATH = "/v2/rerank";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final String apiKey;

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile boolean jinaStyle;

	private volatile int maxResults = Integer.MAX_VALUE;

	private volatile Duration delay = Duration.ZERO;

	private volatile Canned canned;

	/**
	 * Starts the server on a free port of the loopback interface.
	 * @param apiKey the key it accepts; {@code null} accepts requests without one
	 * @throws IOException when it cannot listen
	 */
	FakeRerankServer(String apiKey) throws IOException {
		this.apiKey = apiKey;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext(PATH, this::handle);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + PATH);
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	/** Answers like Jina's {@code /v1/rerank} from now on. */
	void answerLikeJina() {
		this.jinaStyle = true;
	}

	/**
	 * Returns at most this many results per request, whatever {@code top_n} asks.
	 * @param maxResults the limit
	 */
	void returnAtMost(int maxResults) {
		this.maxResults = maxResults;
	}

	/**
	 * Waits this long before answering.
	 * @param delay the wait
	 */
	void answerAfter(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Answers every request from now on with this status and body.
	 * @param status the status
	 * @param contentType the body's media type
	 * @param body the body
	 */
	void answerWith(int status, String contentType, String body) {
		this.canned = new Canned(status, contentType, body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.requests.add(new Recorded(exchange.getRequestMethod(), authorization,
					exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
			if (!this.delay.isZero()) {
				try {
					Thread.sleep(this.delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			Canned canned = this.canned;
			if (canned != null) {
				respond(exchange, canned.status(), canned.contentType(), canned.body());
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "application/json", error("method not allowed"));
				return;
			}
			if (this.apiKey != null && !("Bearer " + this.apiKey).equals(authorization)) {
				respond(exchange, 401, "application/json", error("invalid api token"));
				return;
			}
			JsonNode request;
			try {
				request = this.json.readTree(body);
			}
			catch (RuntimeException ex) {
				respond(exchange, 400, "application/json", error("invalid request: body is not valid JSON"));
				return;
			}
			String problem = problemWith(request);
			if (problem != null) {
				respond(exchange, 400, "application/json", error("invalid request: " + problem));
				return;
			}
			respond(exchange, 200, "application/json", this.json.writeValueAsString(answer(request)));
		}
	}

	private String problemWith(JsonNode request) {
		if (!request.path("model").isString()) {
			return "model must be a string";
		}
		if (!request.path("query").isString() || request.path("query").stringValue().isBlank()) {
			return "query cannot be empty";
		}
		if (!request.path("documents").isArray() || request.path("documents").isEmpty()) {
			return "documents must be a non-empty list";
		}
		for (JsonNode document : request.path("documents")) {
			if (!document.isString()) {
				return "documents must be strings";
			}
		}
		if (request.has("top_n")
				&& (!request.path("top_n").isIntegralNumber() || request.path("top_n").intValue() < 1)) {
			return "top_n must be a positive integer";
		}
		return null;
	}

	private ObjectNode answer(JsonNode request) {
		Set<String> queryWords = words(request.path("query").stringValue());
		List<String> documents = new ArrayList<>();
		request.path("documents").forEach((document) -> documents.add(document.stringValue()));
		List<Scored> scored = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			Set<String> shared = words(documents.get(i));
			shared.retainAll(queryWords);
			scored.add(new Scored(i, (double) shared.size() / queryWords.size()));
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
		int topN = request.has("top_n") ? request.path("top_n").intValue() : documents.size();
		ObjectNode answer = this.json.createObjectNode();
		if (this.jinaStyle) {
			answer.put("model", request.path("model").stringValue());
			answer.putObject("usage").put("total_tokens", 25 * documents.size());
		}
		else {
			answer.put("id", UUID.randomUUID().toString());
		}
		ArrayNode results = answer.putArray("results");
		for (Scored each : scored.subList(0, Math.min(Math.min(topN, this.maxResults), scored.size()))) {
			ObjectNode result = results.addObject();
			result.put("index", each.index());
			if (this.jinaStyle) {
				result.putObject("document").put("text", documents.get(each.index()));
			}
			result.put("relevance_score", each.score());
		}
		if (!this.jinaStyle) {
			ObjectNode meta = answer.putObject("meta");
			meta.putObject("api_version").put("version", "2").put("is_experimental", false);
			meta.putObject("billed_units").put("search_units", 1);
		}
		return answer;
	}

	private static Set<String> words(String text) {
		return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter((word) -> !word.isEmpty())
			.collect(Collectors.toSet());
	}

	private String error(String message) {
		ObjectNode error = this.json.createObjectNode();
		error.put("id", UUID.randomUUID().toString());
		error.put("message", message);
		return this.json.writeValueAsString(error);
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/** One request as the server received it. */
	record Recorded(String method, String authorization, String contentType, String body) {

	}

	private record Canned(int status, String contentType, String body) {

	}

	private record Scored(int index, double score) {

	}

}
