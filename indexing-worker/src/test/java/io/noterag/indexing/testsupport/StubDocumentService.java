package io.noterag.indexing.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.shared.vector.ChunkIds;

/**
 * document-service as the worker sees it: the internal endpoints it calls (sync jobs,
 * sources, documents) plus the gateway's client-credentials token endpoint, keeping its
 * state in memory and answering with the same JSON (snake_case, problem details) as the
 * real service. Every internal call must carry the token it issued. It can be told to
 * fail: {@link #down} answers 503 to every internal call, {@link #failSourceReads} only
 * to reading sources. Like the real service, it keeps per source the items whose most
 * recent report was a failure ({@code GET /internal/sources/{id}/failed-items}), records
 * each job's heartbeats, and keeps the waits of throttling sources on their queued or
 * running job ({@code PUT /internal/sources/{id}/throttle},
 * {@code GET /internal/throttled-sources}).
 */
public final class StubDocumentService implements AutoCloseable {

	public static final String CLIENT_ID = "indexing-worker";

	public static final String CLIENT_SECRET = "dev-service-secret";

	private static final String TOKEN = "stub-service-token-" + UUID.randomUUID();

	private static final Pattern JOB = Pattern
		.compile("/internal/sync-jobs/([0-9a-f-]{36})/(start|progress|heartbeat|finish|plan|items)");

	private static final Pattern SOURCE = Pattern
		.compile("/internal/sources/([0-9a-f-]{36})(/documents|/credentials|/status|/failed-items)?");

	private static final Pattern THROTTLE = Pattern.compile("/internal/sources/([0-9a-f-]{36})/throttle");

	private static final Pattern DOCUMENT = Pattern.compile("/internal/documents/([0-9a-f-]{36})");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<UUID, Map<String, Object>> sources = new ConcurrentHashMap<>();

	private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> documents = new ConcurrentHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	/** Per source, the items whose most recent report failed, least recently first. */
	private final Map<UUID, Map<String, Map<String, Object>>> failedItems = new ConcurrentHashMap<>();

	private final List<ThrottleReport> throttleReports = new CopyOnWriteArrayList<>();

	private volatile boolean down;

	private volatile boolean failSourceReads;

	private StubDocumentService(HttpServer server) {
		this.server = server;
	}

	public static StubDocumentService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			StubDocumentService stub = new StubDocumentService(server);
			server.createContext("/", stub::handle);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String tokenUrl() {
		return url() + "/oauth2/token";
	}

	/**
	 * Registers a filesystem source with the owner and {@code group:everyone} as
	 * principals.
	 */
	public UUID addSource(String path, List<String> tags) {
		UUID id = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("path", path);
		if (tags != null) {
			config.put("tags", tags);
		}
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("id", id.toString());
		source.put("type", "filesystem");
		source.put("name", "Notes " + id.toString().substring(0, 8));
		source.put("config", config);
		source.put("owner_id", owner.toString());
		source.put("principals", List.of("user:" + owner, "group:everyone"));
		source.put("created_at", Instant.now().toString());
		this.sources.put(id, source);
		return id;
	}

	/** Registers a source of any type with the given configuration. */
	public UUID addSourceOfType(String type, Map<String, Object> config) {
		UUID id = UUID.randomUUID();
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("id", id.toString());
		source.put("type", type);
		source.put("name", type + " " + id.toString().substring(0, 8));
		source.put("config", config);
		source.put("owner_id", UUID.randomUUID().toString());
		source.put("principals", List.of("group:everyone"));
		source.put("created_at", Instant.now().toString());
		this.sources.put(id, source);
		return id;
	}

	public Map<String, Object> source(UUID id) {
		return this.sources.get(id);
	}

	public void removeSource(UUID id) {
		this.sources.remove(id);
	}

	/** Records a queued job, as the real service does before publishing. */
	public UUID addJob(UUID sourceId) {
		UUID id = UUID.randomUUID();
		this.jobs.put(id, new Job(id, sourceId));
		return id;
	}

	/** Records a job that has already finished. */
	public UUID addFinishedJob(UUID sourceId) {
		UUID id = addJob(sourceId);
		Job job = this.jobs.get(id);
		job.state = "succeeded";
		job.finishedAt = Instant.now();
		return id;
	}

	/** Records a job left running, as by a worker that crashed during it. */
	public UUID addRunningJob(UUID sourceId) {
		UUID id = addJob(sourceId);
		Job job = this.jobs.get(id);
		job.state = "running";
		job.startedAt = Instant.now();
		return id;
	}

	/**
	 * Changes a recorded document's content hash and modification time, as if its last
	 * update was lost.
	 */
	public void setContentHash(String documentId, String hash) {
		this.documents.get(documentId).put("content_hash", hash);
		this.documents.get(documentId).put("modified_at", "2001-01-01T00:00:00Z");
	}

	public Job job(UUID id) {
		return this.jobs.get(id);
	}

	public Map<String, Object> document(String id) {
		return this.documents.get(id);
	}

	public List<Map<String, Object>> documentsOf(UUID sourceId) {
		return this.documents.values()
			.stream()
			.filter((document) -> sourceId.toString().equals(document.get("data_source_id")))
			.toList();
	}

	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	public void down(boolean down) {
		this.down = down;
	}

	public void failSourceReads(boolean fail) {
		this.failSourceReads = fail;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			byte[] body = readBody(exchange.getRequestBody());
			this.calls.add(new Call(method, path, exchange.getRequestHeaders().getFirst("X-Request-ID")));
			if ("/oauth2/token".equals(path)) {
				token(exchange, body);
				return;
			}
			if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				problem(exchange, 401, "Unauthorized", "A valid service token is required.");
				return;
			}
			if (this.down) {
				problem(exchange, 503, "Service Unavailable", "document-service is down for this test.");
				return;
			}
			route(exchange, method, path, body);
		}
		catch (RuntimeException ex) {
			problem(exchange, 500, "Internal Server Error", "The stub failed: " + ex);
		}
	}

	private void route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
		Matcher job = JOB.matcher(path);
		if (job.matches()) {
			jobCall(exchange, method, UUID.fromString(job.group(1)), job.group(2), body);
			return;
		}
		Matcher throttle = THROTTLE.matcher(path);
		if (throttle.matches() && "PUT".equals(method)) {
			throttle(exchange, UUID.fromString(throttle.group(1)), body);
			return;
		}
		if ("/internal/throttled-sources".equals(path) && "GET".equals(method)) {
			List<Map<String, Object>> throttled = new ArrayList<>();
			for (Job active : this.jobs.values()) {
				Instant until = active.throttledUntil;
				if (!active.isFinished() && until != null && until.isAfter(Instant.now())) {
					throttled.add(throttleJson(active.sourceId, until));
				}
			}
			send(exchange, 200, throttled);
			return;
		}
		Matcher source = SOURCE.matcher(path);
		if (source.matches() && "PUT".equals(method) && source.group(2) != null) {
			sourceUpdate(exchange, UUID.fromString(source.group(1)), source.group(2), body);
			return;
		}
		if (source.matches() && "GET".equals(method) && !"/credentials".equals(source.group(2))
				&& !"/status".equals(source.group(2))) {
			if (this.failSourceReads) {
				problem(exchange, 503, "Service Unavailable", "The database is not reachable.");
				return;
			}
			UUID id = UUID.fromString(source.group(1));
			Map<String, Object> found = this.sources.get(id);
			if (found == null) {
				problem(exchange, 404, "Not Found", "No data source " + id + ".");
			}
			else if (source.group(2) == null) {
				send(exchange, 200, found);
			}
			else if ("/failed-items".equals(source.group(2))) {
				send(exchange, 200, failedItems(id, limit(exchange.getRequestURI().getRawQuery())));
			}
			else {
				List<Map<String, Object>> summaries = new ArrayList<>();
				for (Map<String, Object> document : documentsOf(id)) {
					Map<String, Object> summary = new LinkedHashMap<>();
					summary.put("id", document.get("id"));
					summary.put("source_id", document.get("source_id"));
					summary.put("content_hash", document.get("content_hash"));
					summary.put("modified_at", document.get("modified_at"));
					summaries.add(summary);
				}
				send(exchange, 200, summaries);
			}
			return;
		}
		Matcher document = DOCUMENT.matcher(path);
		if (document.matches()) {
			documentCall(exchange, method, document.group(1), body);
			return;
		}
		problem(exchange, 404, "Not Found", "No endpoint " + method + " " + path + ".");
	}

	@SuppressWarnings("unchecked")
	private void throttle(HttpExchange exchange, UUID sourceId, byte[] body) throws IOException {
		if (!this.sources.containsKey(sourceId)) {
			problem(exchange, 404, "Not Found", "No data source " + sourceId + ".");
			return;
		}
		Object wait = this.json.readValue(body, Map.class).get("retry_after_ms");
		if (!(wait instanceof Number millis) || millis.longValue() <= 0) {
			problem(exchange, 400, "Bad Request", "'retry_after_ms' must be positive.");
			return;
		}
		this.throttleReports.add(new ThrottleReport(sourceId, millis.longValue()));
		Instant until = Instant.now().plusMillis(millis.longValue());
		for (Job active : this.jobs.values()) {
			if (active.sourceId.equals(sourceId) && !active.isFinished()) {
				synchronized (active) {
					if (active.throttledUntil == null || active.throttledUntil.isBefore(until)) {
						active.throttledUntil = until;
					}
					send(exchange, 200, throttleJson(sourceId, active.throttledUntil));
					return;
				}
			}
		}
		send(exchange, 200, throttleJson(sourceId, null));
	}

	private static Map<String, Object> throttleJson(UUID sourceId, Instant until) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("source_id", sourceId.toString());
		json.put("throttled_until", (until != null) ? until.toString() : null);
		json.put("retry_after_ms",
				(until != null) ? Math.max(0, java.time.Duration.between(Instant.now(), until).toMillis()) : 0);
		return json;
	}

	/** The waits workers reported, in order. */
	public List<ThrottleReport> throttleReports() {
		return List.copyOf(this.throttleReports);
	}

	/**
	 * The items of a source whose most recent report was a failure, least recently
	 * reported first, as {@code GET /internal/sources/{id}/failed-items} answers them.
	 */
	public List<Map<String, Object>> failedItems(UUID sourceId, int limit) {
		Map<String, Map<String, Object>> failed = this.failedItems.getOrDefault(sourceId, Map.of());
		synchronized (failed) {
			List<Map<String, Object>> items = new ArrayList<>();
			failed.values().stream().limit(limit).forEach((item) -> items.add(new LinkedHashMap<>(item)));
			return items;
		}
	}

	private static int limit(String query) {
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("limit=")) {
					return Integer.parseInt(parameter.substring("limit=".length()));
				}
			}
		}
		return 1000;
	}

	private void recordLastOutcome(Job job, Map<String, Object> report) {
		Map<String, Map<String, Object>> failed = this.failedItems.computeIfAbsent(job.sourceId,
				(id) -> new LinkedHashMap<>());
		synchronized (failed) {
			String itemId = (String) report.get("item_id");
			Map<String, Object> previous = failed.remove(itemId);
			if ("failed".equals(report.get("outcome"))) {
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("item_id", itemId);
				item.put("reason", report.get("reason"));
				item.put("job_id", job.id.toString());
				item.put("failed_at", Instant.now().toString());
				item.put("failures", (previous != null) ? ((Integer) previous.get("failures")) + 1 : 1);
				failed.put(itemId, item);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void sourceUpdate(HttpExchange exchange, UUID id, String what, byte[] body) throws IOException {
		Map<String, Object> found = this.sources.get(id);
		if (found == null) {
			problem(exchange, 404, "Not Found", "No data source " + id + ".");
			return;
		}
		Map<String, Object> update = this.json.readValue(body, Map.class);
		synchronized (found) {
			if ("/credentials".equals(what)) {
				Map<String, Object> credentials = new LinkedHashMap<>(
						(Map<String, Object>) found.getOrDefault("credentials", Map.of()));
				credentials.putAll((Map<String, Object>) update.get("credentials"));
				found.put("credentials", credentials);
			}
			else {
				found.put("status", update.get("status"));
				found.put("status_error", update.get("error"));
			}
		}
		exchange.sendResponseHeaders(204, -1);
	}

	@SuppressWarnings("unchecked")
	private void jobCall(HttpExchange exchange, String method, UUID id, String action, byte[] body) throws IOException {
		Job job = this.jobs.get(id);
		if (job == null) {
			problem(exchange, 404, "Not Found", "No sync job " + id + ".");
			return;
		}
		synchronized (job) {
			switch (action) {
				case "start" -> {
					if (!"POST".equals(method)) {
						problem(exchange, 405, "Method Not Allowed", "Use POST.");
						return;
					}
					job.startCalls++;
					if (job.isFinished()) {
						problem(exchange, 409, "Conflict", "The sync job has already finished.");
						return;
					}
					if ("queued".equals(job.state)) {
						job.state = "running";
						job.startedAt = Instant.now();
					}
					job.signs.add(Instant.now());
					send(exchange, 200, job.toJson());
				}
				case "progress" -> {
					if (job.isFinished() || !"running".equals(job.state)) {
						problem(exchange, 409, "Conflict", "The sync job is not running.");
						return;
					}
					job.progressReports++;
					job.counts = this.json.readValue(body, Map.class);
					send(exchange, 200, job.toJson());
				}
				case "heartbeat" -> {
					if (!"POST".equals(method)) {
						problem(exchange, 405, "Method Not Allowed", "Use POST.");
						return;
					}
					if (job.isFinished()) {
						problem(exchange, 409, "Conflict", "The sync job has already finished.");
						return;
					}
					if (!"running".equals(job.state)) {
						problem(exchange, 409, "Conflict", "The sync job has not been started.");
						return;
					}
					job.heartbeats++;
					job.signs.add(Instant.now());
					exchange.sendResponseHeaders(204, -1);
				}
				case "finish" -> {
					if (job.isFinished()) {
						problem(exchange, 409, "Conflict", "The sync job has already finished.");
						return;
					}
					Map<String, Object> result = this.json.readValue(body, Map.class);
					Object state = result.get("state");
					if (!List.of("succeeded", "completed_with_errors", "failed").contains(state)) {
						problem(exchange, 400, "Bad Request", "Unknown state " + state + ".");
						return;
					}
					job.state = (String) state;
					job.counts = result;
					job.error = (String) result.get("error");
					job.finishedAt = Instant.now();
					send(exchange, 200, job.toJson());
				}
				case "plan" -> {
					if (job.isFinished()) {
						problem(exchange, 409, "Conflict", "The sync job has already finished.");
						return;
					}
					Map<String, Object> plan = this.json.readValue(body, Map.class);
					job.planCalls++;
					if (job.plannedAt == null) {
						job.plannedAt = Instant.now();
					}
					job.signs.add(Instant.now());
					job.total = ((Number) plan.get("total")).intValue();
					job.rejected = (List<Map<String, Object>>) plan.getOrDefault("rejected", List.of());
					job.pendingCursor = (String) plan.get("cursor");
					job.finishWhenDone(this.sources.get(job.sourceId));
					send(exchange, 200, job.toJson());
				}
				case "items" -> {
					if (job.isFinished()) {
						problem(exchange, 409, "Conflict", "The sync job has already finished.");
						return;
					}
					Map<String, Object> report = this.json.readValue(body, Map.class);
					String outcome = (String) report.get("outcome");
					if (!List.of("indexed", "skipped_unchanged", "deleted", "failed").contains(outcome)) {
						problem(exchange, 400, "Bad Request", "Unknown outcome " + outcome + ".");
						return;
					}
					job.itemReports++;
					// a repeated report of an item is counted once, with its first
					// outcome
					if (job.items.putIfAbsent((String) report.get("item_id"), report) == null) {
						recordLastOutcome(job, report);
					}
					job.signs.add(Instant.now());
					job.finishWhenDone(this.sources.get(job.sourceId));
					send(exchange, 200, job.toJson());
				}
				default -> problem(exchange, 404, "Not Found", "No action " + action + ".");
			}
		}
	}

	private boolean countIndexed(UUID jobId, String itemId) {
		Job job = this.jobs.get(jobId);
		if (job == null) {
			return false;
		}
		synchronized (job) {
			if (job.isFinished()) {
				return job.items.containsKey(itemId);
			}
			if (!"running".equals(job.state)) {
				return false;
			}
			Map<String, Object> report = new LinkedHashMap<>();
			report.put("item_id", itemId);
			report.put("outcome", "indexed");
			job.itemReports++;
			if (job.items.putIfAbsent(itemId, report) == null) {
				recordLastOutcome(job, report);
			}
			job.signs.add(Instant.now());
			job.finishWhenDone(this.sources.get(job.sourceId));
			return true;
		}
	}

	@SuppressWarnings("unchecked")
	private void documentCall(HttpExchange exchange, String method, String id, byte[] body) throws IOException {
		switch (method) {
			case "PUT" -> {
				Map<String, Object> document = this.json.readValue(body, Map.class);
				for (String field : List.of("data_source_id", "source_type", "source_id", "title", "content_hash",
						"url", "chunk_count")) {
					if (document.get(field) == null) {
						problem(exchange, 400, "Bad Request", "'" + field + "' is required.");
						return;
					}
				}
				String expected = ChunkIds.documentId((String) document.get("data_source_id"),
						(String) document.get("source_id"));
				if (!expected.equals(id)) {
					problem(exchange, 400, "Bad Request", "The id does not match the data source and source id.");
					return;
				}
				Map<String, Object> stored = new LinkedHashMap<>(document);
				stored.remove("job_id");
				stored.put("id", id);
				stored.put("indexed_at", Instant.now().toString());
				this.documents.put(id, stored);
				Object jobId = document.get("job_id");
				if (jobId != null) {
					// as document-service does: the job counts the item in the same write
					exchange.getResponseHeaders()
						.set("X-Job-Item-Counted", Boolean.toString(
								countIndexed(UUID.fromString((String) jobId), (String) document.get("source_id"))));
				}
				send(exchange, 200, stored);
			}
			case "DELETE" -> {
				this.documents.remove(id);
				exchange.sendResponseHeaders(204, -1);
			}
			case "GET" -> {
				Map<String, Object> document = this.documents.get(id);
				if (document == null) {
					problem(exchange, 404, "Not Found", "No document " + id + ".");
				}
				else {
					send(exchange, 200, document);
				}
			}
			default -> problem(exchange, 405, "Method Not Allowed", "Not allowed.");
		}
	}

	private void token(HttpExchange exchange, byte[] body) throws IOException {
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		String form = new String(body, StandardCharsets.UTF_8);
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
				|| !form.contains("grant_type=client_credentials")) {
			problem(exchange, 401, "Unauthorized", "Bad client credentials.");
			return;
		}
		send(exchange, 200, Map.of("access_token", TOKEN, "token_type", "Bearer", "expires_in", 900));
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", exchange.getRequestURI().getPath());
		problem.put("request_id", exchange.getRequestHeaders().getFirst("X-Request-ID"));
		byte[] bytes = this.json.writeValueAsBytes(problem);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static byte[] readBody(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	/**
	 * A call received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param requestId its {@code X-Request-ID}
	 */
	public record Call(String method, String path, String requestId) {
	}

	/**
	 * A worker reported that a source asked to wait.
	 *
	 * @param sourceId the source
	 * @param retryAfterMs how long, in milliseconds
	 */
	public record ThrottleReport(UUID sourceId, long retryAfterMs) {
	}

	/** A sync job and what the worker reported about it. */
	public static final class Job {

		private final UUID id;

		private final UUID sourceId;

		private final Instant createdAt = Instant.now();

		private volatile String state = "queued";

		private volatile Instant startedAt;

		private volatile Instant finishedAt;

		private volatile Map<String, Object> counts = Collections.emptyMap();

		private volatile String error;

		private volatile int startCalls;

		private volatile int progressReports;

		private volatile int planCalls;

		private volatile int itemReports;

		private volatile int total = -1;

		private volatile List<Map<String, Object>> rejected = List.of();

		private volatile String pendingCursor;

		private final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();

		private volatile int heartbeats;

		private volatile Instant plannedAt;

		private volatile Instant throttledUntil;

		/** When the worker showed it was alive: start, heartbeats, plan, item reports. */
		private final List<Instant> signs = new CopyOnWriteArrayList<>();

		Job(UUID id, UUID sourceId) {
			this.id = id;
			this.sourceId = sourceId;
		}

		public UUID id() {
			return this.id;
		}

		public String state() {
			return this.state;
		}

		public boolean isFinished() {
			return List.of("succeeded", "completed_with_errors", "failed").contains(this.state);
		}

		public int count(String name) {
			if (this.total >= 0) {
				return switch (name) {
					case "seen" -> this.items.size() - outcomes("deleted") + this.rejected.size();
					case "failed" -> outcomes("failed") + this.rejected.size();
					default -> outcomes(name);
				};
			}
			Object value = this.counts.get(name);
			return (value instanceof Number number) ? number.intValue() : 0;
		}

		private int outcomes(String outcome) {
			return (int) this.items.values().stream().filter((item) -> outcome.equals(item.get("outcome"))).count();
		}

		@SuppressWarnings("unchecked")
		public List<Map<String, Object>> failures() {
			if (this.total >= 0) {
				List<Map<String, Object>> failures = new ArrayList<>();
				this.rejected.forEach((item) -> failures
					.add(Map.of("item", item.get("item_id"), "reason", String.valueOf(item.get("reason")))));
				this.items.values()
					.stream()
					.filter((item) -> "failed".equals(item.get("outcome")))
					.forEach((item) -> failures
						.add(Map.of("item", item.get("item_id"), "reason", String.valueOf(item.get("reason")))));
				return failures;
			}
			Object value = this.counts.get("failures");
			return (value instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
		}

		/** The planned total of item messages, or -1 before the plan. */
		public int total() {
			return this.total;
		}

		public int planCalls() {
			return this.planCalls;
		}

		/** Heartbeats received. */
		public int heartbeats() {
			return this.heartbeats;
		}

		/**
		 * The longest time without any sign of the worker (start, heartbeat) between the
		 * start of the job and its first plan, the time document-service's reaper judges
		 * a listing by.
		 */
		public java.time.Duration longestSilenceBeforePlan() {
			Instant planned = this.plannedAt;
			java.time.Duration longest = java.time.Duration.ZERO;
			Instant previous = null;
			for (Instant sign : this.signs) {
				if (planned != null && sign.isAfter(planned)) {
					break;
				}
				if (previous != null && java.time.Duration.between(previous, sign).compareTo(longest) > 0) {
					longest = java.time.Duration.between(previous, sign);
				}
				previous = sign;
			}
			return longest;
		}

		/** How long from the start of the job to its first plan. */
		public java.time.Duration listingTime() {
			return java.time.Duration.between(this.startedAt, this.plannedAt);
		}

		/** Item reports received, repeats included. */
		public int itemReports() {
			return this.itemReports;
		}

		/** The items reported, each counted once. */
		public Map<String, Map<String, Object>> items() {
			return Map.copyOf(this.items);
		}

		/**
		 * As document-service does: once every planned item is reported, the job finishes
		 * and its cursor goes to the source.
		 */
		void finishWhenDone(Map<String, Object> source) {
			if (this.total < 0 || this.items.size() < this.total || isFinished()) {
				return;
			}
			this.state = (outcomes("failed") + this.rejected.size() > 0) ? "completed_with_errors" : "succeeded";
			this.finishedAt = Instant.now();
			if (source != null) {
				source.put("cursor", this.pendingCursor);
				source.put("last_synced_at", this.startedAt.toString());
			}
		}

		public String error() {
			return this.error;
		}

		/** Until when the job's source asked to wait, as reported; null when never. */
		public Instant throttledUntil() {
			return this.throttledUntil;
		}

		public int startCalls() {
			return this.startCalls;
		}

		public int progressReports() {
			return this.progressReports;
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id.toString());
			json.put("source_id", this.sourceId.toString());
			json.put("state", this.state);
			json.put("created_at", this.createdAt.toString());
			json.put("started_at", (this.startedAt != null) ? this.startedAt.toString() : null);
			json.put("finished_at", (this.finishedAt != null) ? this.finishedAt.toString() : null);
			json.put("updated_at", Instant.now().toString());
			for (String name : List.of("seen", "indexed", "skipped_unchanged", "deleted", "failed")) {
				json.put(name, count(name));
			}
			json.put("failures", failures());
			json.put("error", this.error);
			return json;
		}

	}

}
