package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of a local language model server that does not depend on the protocol: it
 * records every request, checks the key, and replies as scripted by a test (an answer,
 * possibly streamed piece by piece with a pause between pieces, an error with headers, a
 * late reply, or a stream that never ends) or, once the script is used up, with the
 * default answer. Subclasses speak OpenAI's or Anthropic's protocol.
 */
abstract class FakeLlmServer implements AutoCloseable {

	protected final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final Deque<Reply> script = new ConcurrentLinkedDeque<>();

	private final CountDownLatch clientGone = new CountDownLatch(1);

	private volatile Reply fallback;

	protected final String apiKey;

	FakeLlmServer(String path, String apiKey, String defaultAnswer) throws IOException {
		this.apiKey = apiKey;
		this.fallback = new Answer(defaultAnswer, Duration.ZERO);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext(path, this::handle);
		this.server.start();
	}

	/**
	 * The base URL a client is configured with, such as {@code http://127.0.0.1:1234/v1}.
	 */
	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1");
	}

	/** The server's root, such as {@code http://127.0.0.1:1234}. */
	URI root() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The media type of a streamed answer. */
	protected String streamContentType() {
		return "text/event-stream; charset=utf-8";
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	int requestCount() {
		return this.requests.size();
	}

	/**
	 * Counted down when a client closed the connection in the middle of an endless
	 * stream.
	 */
	CountDownLatch clientGone() {
		return this.clientGone;
	}

	/**
	 * Replies to the next requests with these, in order.
	 * @param replies the replies
	 * @return this server
	 */
	FakeLlmServer then(Reply... replies) {
		this.script.addAll(List.of(replies));
		return this;
	}

	/**
	 * Replies to every request after the script with this.
	 * @param reply the reply
	 */
	void always(Reply reply) {
		this.fallback = reply;
	}

	static Reply answer(String text) {
		return new Answer(text, Duration.ZERO);
	}

	static Reply answer(String text, Duration pause) {
		return new Answer(text, pause);
	}

	static Reply late(Duration delay, Reply then) {
		return new Late(delay, then);
	}

	static Reply endless(Duration pause) {
		return new Endless(pause);
	}

	static Reply status(int status, String body, String... headers) {
		Map<String, String> map = new HashMap<>();
		for (int i = 0; i + 1 < headers.length; i += 2) {
			map.put(headers[i], headers[i + 1]);
		}
		return new Failure(status, body, map);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** Why the request is refused (401), or {@code null}. */
	protected abstract String unauthorised(HttpExchange exchange);

	/** Why the request is invalid (400), or {@code null}. */
	protected abstract String invalid(JsonNode request);

	protected abstract String errorBody(int status, String message);

	protected abstract String completion(JsonNode request, String text, int inputTokens, int outputTokens);

	/** The events before the first piece. */
	protected abstract List<String> streamStart(JsonNode request, int inputTokens);

	protected abstract String streamPiece(JsonNode request, String piece);

	/** The events after the last piece. */
	protected abstract List<String> streamEnd(JsonNode request, int inputTokens, int outputTokens);

	/** The prompt's words, standing in for its tokens. */
	protected abstract int inputTokens(JsonNode request);

	protected static int words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
	}

	/** The answer cut in pieces at spaces, each piece but the first with its space. */
	static List<String> pieces(String text) {
		return List.of(text.split("(?=\\s)"));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
			JsonNode request;
			try {
				request = this.json.readTree(body);
			}
			catch (RuntimeException ex) {
				request = null;
			}
			this.requests.add(new Recorded(exchange.getRequestURI().getPath(), headers, request, System.nanoTime()));
			String refusal = unauthorised(exchange);
			if (refusal != null) {
				respond(exchange, 401, errorBody(401, refusal), Map.of());
				return;
			}
			String problem = (request != null) ? invalid(request) : "the body is not valid JSON";
			if (problem != null) {
				respond(exchange, 400, errorBody(400, problem), Map.of());
				return;
			}
			Reply reply = this.script.poll();
			serve(exchange, request, (reply != null) ? reply : this.fallback);
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private void serve(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		switch (reply) {
			case Late late -> {
				try {
					Thread.sleep(late.delay());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				serve(exchange, request, late.then());
			}
			case Failure failure -> respond(exchange, failure.status(), failure.body(), failure.headers());
			case Answer answer -> {
				List<String> pieces = pieces(answer.text());
				int input = inputTokens(request);
				if (request.path("stream").asBoolean(false)) {
					stream(exchange, request, pieces, answer.pause(), input);
				}
				else {
					respond(exchange, 200, completion(request, answer.text(), input, pieces.size()), Map.of());
				}
			}
			case Endless endless -> endless(exchange, request, endless.pause());
		}
	}

	private void stream(HttpExchange exchange, JsonNode request, List<String> pieces, Duration pause, int input)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", streamContentType());
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		List<String> events = new ArrayList<>(streamStart(request, input));
		send(out, events);
		for (String piece : pieces) {
			pause(pause);
			send(out, List.of(streamPiece(request, piece)));
		}
		send(out, streamEnd(request, input, pieces.size()));
		out.close();
	}

	private void endless(HttpExchange exchange, JsonNode request, Duration pause) {
		try {
			exchange.getResponseHeaders().set("Content-Type", streamContentType());
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			send(out, streamStart(request, inputTokens(request)));
			long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			for (int i = 0; System.nanoTime() < until; i++) {
				send(out, List.of(streamPiece(request, (i == 0) ? "word" : " word")));
				pause(pause);
			}
		}
		catch (IOException ex) {
			this.clientGone.countDown();
		}
	}

	private static void send(OutputStream out, List<String> events) throws IOException {
		for (String event : events) {
			out.write(event.getBytes(StandardCharsets.UTF_8));
		}
		out.flush();
	}

	private static void pause(Duration pause) {
		if (!pause.isZero()) {
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * One request as the server received it.
	 *
	 * @param path the request's path
	 * @param headers the first value of each header, by lower-case name
	 * @param body the JSON body, or {@code null}
	 * @param receivedAt {@link System#nanoTime()} when it arrived
	 */
	record Recorded(String path, Map<String, String> headers, JsonNode body, long receivedAt) {

	}

	/** What the server replies. */
	sealed interface Reply permits Answer, Failure, Late, Endless {

	}

	/**
	 * An answer, streamed when the request asks for a stream, with this pause before each
	 * piece.
	 */
	record Answer(String text, Duration pause) implements Reply {

	}

	/** An error status with a body and headers. */
	record Failure(int status, String body, Map<String, String> headers) implements Reply {

	}

	/** Another reply after a delay. */
	record Late(Duration delay, Reply then) implements Reply {

	}

	/**
	 * A stream that sends a piece after every pause until the client goes away (or 30 s
	 * pass).
	 */
	record Endless(Duration pause) implements Reply {

	}

}
