package io.noterag.multimodal.image;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.noterag.shared.test.TestTokens;

/**
 * Stands in for document-service and the gateway's token endpoint on a random local port:
 * {@code POST /oauth2/token} hands out a service token, {@code GET
 * /internal/documents/{id}} answers 200 for known documents, 500 for the ones told to
 * fail, 404 otherwise, and 401 without a service token.
 */
final class StubDocumentService {

	private final HttpServer server;

	private final Set<UUID> documents = ConcurrentHashMap.newKeySet();

	private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final String serviceToken = TestTokens.service("multimodal-service");

	StubDocumentService() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/oauth2/token", this::token);
		this.server.createContext("/internal/documents/", this::document);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	UUID newDocument() {
		UUID id = UUID.randomUUID();
		this.documents.add(id);
		return id;
	}

	UUID failingDocument() {
		UUID id = UUID.randomUUID();
		this.failing.add(id);
		return id;
	}

	List<String> authorizations() {
		return this.authorizations;
	}

	String serviceToken() {
		return this.serviceToken;
	}

	void stop() {
		this.server.stop(0);
	}

	private void token(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			respond(exchange, 405, "{}");
			return;
		}
		respond(exchange, 200,
				"{\"access_token\":\"" + this.serviceToken + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
	}

	private void document(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.authorizations.add(String.valueOf(authorization));
		if (!("Bearer " + this.serviceToken).equals(authorization)) {
			respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
			return;
		}
		String path = exchange.getRequestURI().getPath();
		UUID id;
		try {
			id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
		}
		catch (IllegalArgumentException ex) {
			respond(exchange, 400, "{\"title\":\"Bad request\"}");
			return;
		}
		if (this.failing.contains(id)) {
			respond(exchange, 500, "{\"title\":\"Internal error\"}");
		}
		else if (this.documents.contains(id)) {
			respond(exchange, 200, "{\"id\":\"" + id + "\",\"title\":\"A page\"}");
		}
		else {
			respond(exchange, 404, "{\"title\":\"Not found\"}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
