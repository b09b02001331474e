package io.noterag.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of the public API, as a user of the platform calls it. */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Api(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	record Response(int status, String contentType, String requestId, JsonNode body, String raw) {

		boolean isProblem() {
			return this.contentType != null && this.contentType.startsWith("application/problem+json");
		}

	}

	String login(String name, String role) {
		Response response = post("/api/v2/auth/login", null, Map.of("provider", "dev", "code", name, "role", role));
		if (response.status() != 200) {
			throw new IllegalStateException("login failed: " + response.status() + " " + response.raw());
		}
		return response.body().get("access_token").asString();
	}

	Response get(String path, String token) {
		return send(request(path, token).GET());
	}

	Response delete(String path, String token) {
		return send(request(path, token).DELETE());
	}

	Response post(String path, String token, Object body) {
		return postRaw(path, token, JSON.writeValueAsString(body));
	}

	Response postRaw(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response postWithRequestId(String path, String token, Object body, String requestId) {
		return send(request(path, token).header("Content-Type", "application/json")
			.header("X-Request-ID", requestId)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	Response upload(String path, String token, String fileName, byte[] content, Map<String, String> fields) {
		String boundary = "----noterag" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		fields.forEach((k, v) -> head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(k)
			.append("\"\r\n\r\n")
			.append(v)
			.append("\r\n"));
		head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + content.length + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		System.arraycopy(content, 0, body, start.length, content.length);
		System.arraycopy(end, 0, body, start.length + content.length, end.length);
		return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Posts and reads the answer as Server-Sent Events.
	 * @param path the path
	 * @param token the bearer token
	 * @param body the JSON body
	 * @return the events in order
	 */
	List<Event> stream(String path, String token, Object body) {
		HttpRequest request = request(path, token).header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		try {
			HttpResponse<java.util.stream.Stream<String>> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofLines());
			List<Event> events = new java.util.ArrayList<>();
			String[] name = { "message" };
			StringBuilder data = new StringBuilder();
			response.body().forEach((line) -> {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						events.add(new Event(name[0], JSON.readTree(data.toString()), System.nanoTime()));
					}
					name[0] = "message";
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name[0] = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			});
			if (!data.isEmpty()) {
				events.add(new Event(name[0], JSON.readTree(data.toString()), System.nanoTime()));
			}
			return events;
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until the latest sync job of a source has ended.
	 * @param token an administrator's token
	 * @param sourceId the source
	 * @return the job
	 * @throws InterruptedException when interrupted
	 */
	JsonNode awaitJob(String token, String sourceId) throws InterruptedException {
		long deadline = System.nanoTime() + 300_000_000_000L;
		while (true) {
			Response response = get("/api/v2/admin/sources/" + sourceId, token);
			JsonNode job = (response.body() != null) ? response.body().get("latest_job") : null;
			// document-service creates the sync job just after the source: until then
			// there
			// is no latest job yet
			String state = (job != null && !job.isNull()) ? job.get("state").asString() : "not started";
			if (List.of("succeeded", "completed_with_errors", "failed").contains(state)) {
				return job;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The sync job of " + sourceId + " is still " + state);
			}
			Thread.sleep(500);
		}
	}

	/**
	 * One Server-Sent Event.
	 *
	 * @param name its name
	 * @param data its JSON data
	 * @param receivedNanos when the client read it, {@link System#nanoTime()}
	 */
	record Event(String name, JsonNode data, long receivedNanos) {
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			String raw = response.body();
			JsonNode body = null;
			String contentType = response.headers().firstValue("Content-Type").orElse(null);
			if (raw != null && !raw.isBlank() && contentType != null && contentType.contains("json")) {
				body = JSON.readTree(raw);
			}
			return new Response(response.statusCode(), contentType,
					response.headers().firstValue("X-Request-ID").orElse(null), body, raw);
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
