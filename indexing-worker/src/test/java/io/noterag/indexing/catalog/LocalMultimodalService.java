package io.noterag.indexing.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for multimodal-service's internal image API on a random local port, keeping
 * the images of each document in memory: {@code PUT /internal/images?document_id=...}
 * makes a document's images exactly those sent and answers them as stored,
 * {@code DELETE /internal/images} removes those of a document or of a data source (204,
 * none is fine), {@code GET /internal/images?document_id=...} lists them. While told to
 * fail it answers a 503 problem (as when its object store fails). Every request is
 * recorded as {@code METHOD /path?query}.
 */
public final class LocalMultimodalService implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/** Per document, its images by their id inside the item. */
	private final Map<String, Map<String, StoredImage>> images = new ConcurrentHashMap<>();

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
	 * The images stored for a document.
	 * @param documentId the document
	 * @return its images, in the order they were sent (none when it has none)
	 */
	public List<StoredImage> imagesOf(String documentId) {
		Map<String, StoredImage> stored = this.images.get(documentId);
		return (stored != null) ? List.copyOf(stored.values()) : List.of();
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
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String documentId = query.get("document_id");
		String dataSourceId = query.get("data_source_id");
		if (this.failing) {
			respond(exchange, 503, "application/problem+json",
					"{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
							+ "\"detail\":\"The object store could not remove the bytes of image " + UUID.randomUUID()
							+ "; the images not yet removed are kept for a repeated request.\","
							+ "\"instance\":\"/internal/images\"}");
		}
		else if ("DELETE".equals(exchange.getRequestMethod())) {
			if (documentId != null) {
				this.images.remove(documentId);
			}
			else if (dataSourceId != null) {
				this.images.values()
					.removeIf((stored) -> stored.values()
						.stream()
						.anyMatch((image) -> dataSourceId.equals(image.dataSourceId())));
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		}
		else if ("PUT".equals(exchange.getRequestMethod()) && documentId != null) {
			Map<String, StoredImage> replaced = new LinkedHashMap<>();
			for (JsonNode image : this.json.readTree(body).path("images")) {
				String imageId = image.path("image_id").asString();
				replaced.put(imageId,
						new StoredImage(imageId, dataSourceId, image.path("media_type").asString(null),
								Base64.getDecoder().decode(image.path("content").asString("")),
								image.path("alt_text").asString(null)));
			}
			if (replaced.isEmpty()) {
				this.images.remove(documentId);
			}
			else {
				this.images.put(documentId, replaced);
			}
			respond(exchange, 200, "application/json", this.json
				.writeValueAsString(Map.of("images", describe(documentId, replaced.values()), "skipped", List.of())));
		}
		else if ("GET".equals(exchange.getRequestMethod()) && documentId != null) {
			respond(exchange, 200, "application/json",
					this.json.writeValueAsString(describe(documentId, imagesOf(documentId))));
		}
		else {
			respond(exchange, 400, "application/problem+json",
					"{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
							+ "\"detail\":\"document_id or data_source_id: exactly one is required.\","
							+ "\"instance\":\"/internal/images\"}");
		}
	}

	/** The images as multimodal-service describes them. */
	private static List<Map<String, Object>> describe(String documentId, Iterable<StoredImage> images) {
		List<Map<String, Object>> described = new ArrayList<>();
		for (StoredImage image : images) {
			UUID id = UUID.nameUUIDFromBytes((documentId + "/" + image.imageId()).getBytes(StandardCharsets.UTF_8));
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", id.toString());
			json.put("document_id", documentId);
			json.put("storage_path", "images/" + documentId + "/" + id);
			json.put("thumbnail_path", "thumbnails/" + documentId + "/" + id);
			json.put("content_type", image.mediaType());
			json.put("size_bytes", image.content().length);
			json.put("caption", image.altText());
			json.put("created_at", Instant.now().toString());
			described.add(json);
		}
		return described;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * An image as stored.
	 *
	 * @param imageId its id inside the item
	 * @param dataSourceId the data source its document comes from, if said
	 * @param mediaType its media type as sent
	 * @param content its bytes
	 * @param altText its text, if any
	 */
	public record StoredImage(String imageId, String dataSourceId, String mediaType, byte[] content, String altText) {
	}

}
