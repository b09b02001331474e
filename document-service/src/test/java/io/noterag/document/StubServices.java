package io.noterag.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.noterag.shared.test.TestTokens;

/**
 * Stands in for the gateway's token endpoint and multimodal-service's internal images API
 * on a local port, so that document-service's calls go over real HTTP with the real
 * interceptor (service token, request id).
 */
public final class StubServices {

	private static final HttpServer server = start();

	/** JSON array of images by document id; documents not in it have none. */
	public static final Map<String, String> imagesByDocument = new ConcurrentHashMap<>();

	/** Request ids seen on calls to the images API. */
	public static final Map<String, String> requestIdsByDocument = new ConcurrentHashMap<>();

	public static final AtomicInteger tokenRequests = new AtomicInteger();

	/** When set, the images API drops the connection without answering. */
	public static volatile boolean imagesDown;

	private StubServices() {
	}

	public static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/oauth2/token", StubServices::token);
			server.createContext("/internal/images", StubServices::images);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void token(HttpExchange exchange) throws IOException {
		tokenRequests.incrementAndGet();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Basic ")) {
			respond(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		respond(exchange, 200, "{\"access_token\":\"" + TestTokens.service("document-service")
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
	}

	private static void images(HttpExchange exchange) throws IOException {
		if (imagesDown) {
			exchange.close();
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			respond(exchange, 401, "{}");
			return;
		}
		String query = exchange.getRequestURI().getQuery();
		String documentId = (query != null && query.startsWith("document_id=")) ? query.substring(12) : "";
		String requestId = exchange.getRequestHeaders().getFirst("X-Request-ID");
		if (requestId != null) {
			requestIdsByDocument.put(documentId, requestId);
		}
		respond(exchange, 200, imagesByDocument.getOrDefault(documentId, "[]"));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
