package io.noterag.indexing.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for multimodal-service's internal image API on a random local port: answers
 * {@code DELETE /internal/images} with 204 and {@code PUT /internal/images} with the
 * stored images, or with a 503 problem (as when its object store fails) while told to
 * fail, and records each request as {@code METHOD /path?query}.
 */
public final class LocalMultimodalService implements AutoCloseable {

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	private LocalMultimodalService(HttpServer server) {
		this.server = server;
	}

	public static LocalMultimodalService start() {
		try {
			LocalMultimodalService service = new LocalMultimodalService(
					HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			service.server.createContext("/internal/images", service::images);
			service.server.start();
			return service;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<String> requests() {
		return this.requests;
	}

	public void failing(boolean failing) {
		this.failing = failing;
	}

	/**
	 * A local address where nothing listens, for a multimodal-service that is down.
	 * @return its URL
	 */
	public static String unreachableUrl() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void images(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
		if (this.failing) {
			respond(exchange, 503, "application/problem+json",
					"{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
							+ "\"detail\":\"The object store could not remove the bytes of image " + UUID.randomUUID()
							+ "; the images not yet removed are kept for a repeated request.\","
							+ "\"instance\":\"/internal/images\"}");
		}
		else if ("DELETE".equals(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		}
		else {
			respond(exchange, 200, "application/json", "{\"images\":[],\"skipped\":[]}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
