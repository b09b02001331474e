package io.noterag.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the indexing worker's {@code POST /internal/sources/test} on a local
 * port: answers what the test sets and remembers the last request.
 */
public final class StubWorker {

	private static final HttpServer server = start();

	/** The JSON answer of the next tests. */
	public static volatile String answer = "{\"ok\":true}";

	/** When set, the worker drops the connection without answering. */
	public static volatile boolean down;

	/** The body of the last test request. */
	public static volatile String lastBody;

	/** The Authorization header of the last test request. */
	public static volatile String lastAuthorization;

	private StubWorker() {
	}

	public static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/internal/sources/test", StubWorker::test);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void test(HttpExchange exchange) throws IOException {
		if (down) {
			exchange.close();
			return;
		}
		lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
		lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
