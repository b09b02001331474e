package io.noterag.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.shared.test.TestTokens;

/**
 * conversation-service's internal API as query-service uses it, plus the gateway's token
 * endpoint for the service token: a real HTTP server on a random port that keeps
 * conversations per owner, checks the service token and records every call.
 */
public final class StubConversationService implements AutoCloseable {

	private static final Pattern CONTEXT = Pattern.compile("/internal/conversations/([^/]+)/context");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final String serviceToken = TestTokens.service("query-service");

	private final Map<String, String> owners = new ConcurrentHashMap<>();

	private final List<Turn> turns = new CopyOnWriteArrayList<>();

	private final List<String> contextRequests = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> contextQueries = new CopyOnWriteArrayList<>();

	private final Map<String, String> emptyTitles = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> titles = new ConcurrentHashMap<>();

	private final AtomicInteger failWith = new AtomicInteger();

	private final AtomicReference<String> lastRequestId = new AtomicReference<>();

	private StubConversationService(HttpServer server) {
		this.server = server;
	}

	public static StubConversationService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			StubConversationService stub = new StubConversationService(server);
			server.createContext("/", stub::handle);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The token this stub issues from its token endpoint and expects on every call. */
	public String serviceToken() {
		return this.serviceToken;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Makes a conversation owned by a user. */
	public String conversationOf(String userId) {
		String id = UUID.randomUUID().toString();
		this.owners.put(id, userId);
		return id;
	}

	/**
	 * Makes a conversation owned by a user, created with
	 * {@code POST /api/v2/conversations} and no message yet.
	 * @param userId its owner
	 * @param title its title: conversation-service's default one, or its own
	 * @return its id
	 */
	public String emptyConversationOf(String userId, String title) {
		String id = conversationOf(userId);
		this.emptyTitles.put(id, title);
		return id;
	}

	/** The turns stored so far, in order. */
	public List<Turn> turns() {
		return this.turns;
	}

	/**
	 * The last turn stored in a conversation.
	 * @param conversationId the conversation
	 * @return the request body of that turn
	 */
	public JsonNode lastTurnIn(String conversationId) {
		return this.turns.stream()
			.filter((t) -> t.conversationId().equals(conversationId))
			.reduce((a, b) -> b)
			.map(Turn::body)
			.orElseThrow(() -> new AssertionError("no turn stored in " + conversationId));
	}

	/**
	 * The title request received for a conversation, if any.
	 * @param conversationId the conversation
	 * @return the request body ({@code user_id}, {@code title}, {@code named_after}), or
	 * {@code null}
	 */
	public JsonNode titleOf(String conversationId) {
		return this.titles.get(conversationId);
	}

	public List<String> contextRequests() {
		return this.contextRequests;
	}

	/**
	 * The query parameters of every context request, in order ({@code user_id},
	 * {@code max_messages}, {@code max_tokens}, {@code model}).
	 * @return the parameters
	 */
	public List<Map<String, String>> contextQueries() {
		return this.contextQueries;
	}

	public String lastRequestId() {
		return this.lastRequestId.get();
	}

	/** Answers every internal call with this status from now on; 0 to work again. */
	public void failWith(int status) {
		this.failWith.set(status);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (method.equals("POST") && path.equals("/oauth2/token")) {
				respond(exchange, 200,
						Map.of("access_token", this.serviceToken, "token_type", "Bearer", "expires_in", 900));
				return;
			}
			this.lastRequestId.set(exchange.getRequestHeaders().getFirst("X-Request-ID"));
			if (!("Bearer " + this.serviceToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				respond(exchange, 401, Map.of("title", "Unauthorized"));
				return;
			}
			if (this.failWith.get() != 0) {
				respond(exchange, this.failWith.get(), Map.of("title", "Failing on purpose"));
				return;
			}
			Matcher context = CONTEXT.matcher(path);
			if (method.equals("GET") && context.matches()) {
				context(exchange, context.group(1));
			}
			else if (method.equals("POST") && path.equals("/internal/conversations/turns")) {
				turn(exchange);
			}
			else if (method.equals("PUT") && path.startsWith("/internal/conversations/") && path.endsWith("/title")) {
				title(exchange, path.split("/")[3]);
			}
			else {
				respond(exchange, 404, Map.of("title", "Not found"));
			}
		}
	}

	private void context(HttpExchange exchange, String id) throws IOException {
		Map<String, String> query = query(exchange.getRequestURI());
		this.contextRequests.add(id);
		this.contextQueries.add(Map.copyOf(query));
		String owner = this.owners.get(id);
		if (owner == null || !owner.equals(query.get("user_id"))) {
			respond(exchange, 404, Map.of("title", "Not found", "detail", "conversation not found"));
			return;
		}
		// the stored turns of the conversation as messages, oldest first; a conversation
		// made by conversationOf has one earlier question
		List<Map<String, Object>> messages = new java.util.ArrayList<>();
		for (Turn stored : this.turns) {
			if (!stored.conversationId().equals(id)) {
				continue;
			}
			JsonNode body = stored.body();
			messages.add(Map.of("role", "user", "content", body.get("question").asString(), "timestamp",
					"2024-05-01T10:00:00Z", "metadata", metadataOf(body.get("user_metadata"))));
			messages.add(Map.of("role", "assistant", "content", body.get("answer").asString(), "timestamp",
					"2024-05-01T10:00:01Z", "metadata", metadataOf(body.get("assistant_metadata"))));
		}
		String title = this.emptyTitles.getOrDefault(id, "Earlier questions");
		if (messages.isEmpty() && !this.emptyTitles.containsKey(id)) {
			messages.add(Map.of("role", "user", "content", "Earlier question?", "timestamp", "2024-05-01T10:00:00Z",
					"metadata", Map.of()));
		}
		respond(exchange, 200, Map.of("conversation_id", id, "title", title, "messages", messages, "truncated", false));
	}

	private void title(HttpExchange exchange, String id) throws IOException {
		JsonNode body;
		try (InputStream in = exchange.getRequestBody()) {
			body = JSON.readTree(in);
		}
		if (!body.path("user_id").asString("").equals(this.owners.get(id))) {
			respond(exchange, 404, Map.of("title", "Not found"));
			return;
		}
		this.titles.put(id, body);
		respond(exchange, 200, Map.of("renamed", true));
	}

	private void turn(HttpExchange exchange) throws IOException {
		JsonNode body;
		try (InputStream in = exchange.getRequestBody()) {
			body = JSON.readTree(in);
		}
		JsonNode given = body.get("conversation_id");
		String userId = body.get("user_id").asString();
		String id;
		if (given == null || given.isNull()) {
			id = UUID.randomUUID().toString();
			this.owners.put(id, userId);
		}
		else {
			id = given.asString();
			if (!userId.equals(this.owners.get(id))) {
				respond(exchange, 404, Map.of("title", "Not found"));
				return;
			}
		}
		this.turns.add(new Turn(id, body));
		respond(exchange, 200, Map.of("conversation_id", id, "user_message_id", UUID.randomUUID().toString(),
				"assistant_message_id", UUID.randomUUID().toString()));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> values = new HashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

	private static Object metadataOf(JsonNode metadata) {
		return (metadata != null && metadata.isObject()) ? metadata : Map.of();
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders()
			.set("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** A stored turn: the conversation it went to and the request body. */
	public record Turn(String conversationId, JsonNode body) {
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
