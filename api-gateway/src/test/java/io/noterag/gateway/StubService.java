package io.noterag.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a downstream service: a JDK HTTP server on a random local port that
 * records what reaches it. Paths ending in {@code /fail} answer 500; {@code /stream}
 * answers a server-sent event stream whose second event waits for
 * {@link #releaseStream()}; everything else answers 200 with the instance's name.
 */
final class StubService implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch streamGate = new CountDownLatch(1);

	StubService(String name) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	String name() {
		return this.name;
	}

	List<Received> received() {
		return this.received;
	}

	void releaseStream() {
		this.streamGate.countDown();
	}

	/** A local URI where nothing listens. */
	static String deadUri() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		exchange.getRequestBody().readAllBytes();
		String requestId = exchange.getRequestHeaders().getFirst("X-Request-ID");
		this.received.add(new Received(exchange.getRequestMethod(), path, requestId,
				exchange.getRequestHeaders().getFirst("Authorization")));
		if (requestId != null) {
			exchange.getResponseHeaders().set("X-Request-ID", requestId);
		}
		if (path.endsWith("/stream")) {
			stream(exchange);
			return;
		}
		int status = path.endsWith("/fail") ? 500 : 200;
		byte[] body = ("{\"instance\":\"" + this.name + "\",\"path\":\"" + path + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void stream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			this.streamGate.await(20, TimeUnit.SECONDS);
			out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.streamGate = new CountDownLatch(1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	record Received(String method, String path, String requestId, String authorization) {

	}

}
