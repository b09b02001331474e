package io.noterag.indexing.plugin.databricks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Databricks workspace as its public REST reference describes it, in memory: the SQL
 * Statement Execution API 2.0 ({@code POST /api/2.0/sql/statements} with named
 * parameters, {@code INLINE} {@code JSON_ARRAY} results in chunks linked by
 * {@code next_chunk_internal_link}, {@code PENDING}/{@code RUNNING} statements polled
 * with {@code GET}, {@code FAILED} ones with {@code status.error}, cancel) answering the
 * {@code system.information_schema} queries of the plugin from a small catalog; the
 * Workspace API ({@code list}, {@code get-status}, {@code export} in {@code SOURCE}
 * format, base64); {@code GET /api/2.0/preview/scim/v2/Me}; {@code GET
 * /api/2.0/sql/warehouses/{id}}; the OAuth token endpoint {@code /oidc/v1/token} (client
 * credentials, HTTP basic); bearer-token checks with {@code 401 {"error_code",
 * "message"}}; and throttling (429 with {@code Retry-After}).
 */
public final class LocalDatabricksServer implements AutoCloseable {

	public static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";

	public static final String WAREHOUSE = "4b2a1e3c5d6f7a8b";

	static final String CLIENT_ID = "6c1f0e7a-5d8b-4e2a-9f3c-1b2d3e4f5a6b";

	static final String CLIENT_SECRET = "dose0123456789secretvalue";

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Pattern STATEMENT = Pattern
		.compile("/api/2\\.0/sql/statements/([^/]+)(/cancel|/result/chunks/(\\d+))?");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final Map<String, Table> tables = new ConcurrentHashMap<>();

	private final Map<String, NotebookObject> notebooks = new ConcurrentHashMap<>();

	private final Map<String, Statement> statements = new ConcurrentHashMap<>();

	private final Set<String> oauthTokens = ConcurrentHashMap.newKeySet();

	private final Set<String> deniedExports = ConcurrentHashMap.newKeySet();

	final List<String> requests = new CopyOnWriteArrayList<>();

	final List<JsonNode> statementRequests = new CopyOnWriteArrayList<>();

	final Set<String> canceled = ConcurrentHashMap.newKeySet();

	final AtomicInteger tokenRequests = new AtomicInteger();

	final AtomicInteger chunkRequests = new AtomicInteger();

	final AtomicInteger polls = new AtomicInteger();

	/** How many polls a statement stays PENDING then RUNNING before it succeeds. */
	volatile int pendingPolls;

	/** Rows per result chunk. */
	volatile int chunkSize = 1000;

	volatile boolean neverFinish;

	volatile long oauthExpiresIn = 3600;

	private final AtomicReference<String> failNextStatement = new AtomicReference<>();

	private final AtomicInteger throttled = new AtomicInteger();

	private final AtomicInteger unavailable = new AtomicInteger();

	private volatile String retryAfter = "1";

	private final AtomicInteger objectIds = new AtomicInteger(1_000_000);

	public LocalDatabricksServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- state

	public Table table(String catalog, String schema, String name, String type, String comment, Instant lastAltered) {
		Table table = new Table(catalog, schema, name, type, comment, lastAltered.minusSeconds(86_400), lastAltered,
				new CopyOnWriteArrayList<>());
		this.tables.put(table.fullName(), table);
		return table;
	}

	public void alter(String fullName, Instant lastAltered) {
		Table table = this.tables.get(fullName);
		this.tables.put(fullName, new Table(table.catalog, table.schema, table.name, table.type, table.comment,
				table.created, lastAltered, table.columns));
	}

	public void drop(String fullName) {
		this.tables.remove(fullName);
	}

	public String notebook(String path, String language, Instant modifiedAt, String source) {
		String id = Integer.toString(this.objectIds.incrementAndGet());
		this.notebooks.put(path, new NotebookObject(path, id, language, modifiedAt, source));
		return id;
	}

	public void deleteNotebook(String path) {
		this.notebooks.remove(path);
	}

	/** Refuses every OAuth token issued so far, as after a secret rotation. */
	void revokeOAuthTokens() {
		this.oauthTokens.clear();
	}

	void denyExport(String path) {
		this.deniedExports.add(path);
	}

	void failNextStatement(String message) {
		this.failNextStatement.set(message);
	}

	void throttle(int times, String retryAfter) {
		this.retryAfter = retryAfter;
		this.throttled.set(times);
	}

	/** The next calls answer 503 without Retry-After, as during a short outage. */
	void unavailable(int times) {
		this.unavailable.set(times);
	}

	String lastStatementText() {
		return this.statementRequests.get(this.statementRequests.size() - 1).path("statement").asString();
	}

	// ---- HTTP

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String method = exchange.getRequestMethod();
			this.requests.add(method + " " + path);
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (path.equals("/oidc/v1/token")) {
				token(exchange, body);
				return;
			}
			if (this.throttled.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				exchange.getResponseHeaders().add("Retry-After", this.retryAfter);
				error(exchange, 429, "REQUEST_LIMIT_EXCEEDED", "Too many requests. Please wait and retry.");
				return;
			}
			if (this.unavailable.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				error(exchange, 503, "TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable.");
				return;
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String bearer = (authorization != null && authorization.startsWith("Bearer "))
					? authorization.substring("Bearer ".length()) : null;
			if (bearer == null) {
				error(exchange, 401, "UNAUTHENTICATED", "Credential was not sent or was of an unsupported type.");
				return;
			}
			if (!bearer.equals(TOKEN) && !this.oauthTokens.contains(bearer)) {
				error(exchange, 401, "UNAUTHENTICATED", "Invalid access token.");
				return;
			}
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			if (method.equals("GET") && path.equals("/api/2.0/preview/scim/v2/Me")) {
				send(exchange, 200, Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "id",
						"8231652145676895", "userName", "indexer@example.com", "active", true));
			}
			else if (method.equals("GET") && path.startsWith("/api/2.0/sql/warehouses/")) {
				warehouse(exchange, path.substring("/api/2.0/sql/warehouses/".length()));
			}
			else if (method.equals("POST") && path.equals("/api/2.0/sql/statements")) {
				execute(exchange, this.json.readTree(body));
			}
			else if (STATEMENT.matcher(path).matches()) {
				statement(exchange, method, STATEMENT.matcher(path));
			}
			else if (method.equals("GET") && path.equals("/api/2.0/workspace/list")) {
				list(exchange, query.get("path"));
			}
			else if (method.equals("GET") && path.equals("/api/2.0/workspace/get-status")) {
				status(exchange, query.get("path"));
			}
			else if (method.equals("GET") && path.equals("/api/2.0/workspace/export")) {
				export(exchange, query.get("path"), query.getOrDefault("format", "SOURCE"));
			}
			else {
				error(exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
			}
		}
		catch (RuntimeException ex) {
			error(exchange, 500, "INTERNAL_ERROR", ex.toString());
		}
	}

	private void token(HttpExchange exchange, byte[] body) throws IOException {
		this.tokenRequests.incrementAndGet();
		Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(authorization)) {
			send(exchange, 401, Map.of("error", "invalid_client", "error_description", "Client authentication failed"));
			return;
		}
		if (!"client_credentials".equals(form.get("grant_type")) || !"all-apis".equals(form.get("scope"))) {
			send(exchange, 400, Map.of("error", "invalid_request", "error_description", "Unsupported grant or scope"));
			return;
		}
		String token = "eyJraWQiOi" + UUID.randomUUID().toString().replace("-", "");
		this.oauthTokens.add(token);
		send(exchange, 200, Map.of("access_token", token, "scope", "all-apis", "token_type", "Bearer", "expires_in",
				this.oauthExpiresIn));
	}

	private void warehouse(HttpExchange exchange, String id) throws IOException {
		if (!WAREHOUSE.equals(id)) {
			error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "Unable to find warehouse " + id + ".");
			return;
		}
		send(exchange, 200, Map.of("id", WAREHOUSE, "name", "Metadata warehouse", "state", "RUNNING", "cluster_size",
				"2X-Small", "warehouse_type", "PRO"));
	}

	// ---- statements

	private void execute(HttpExchange exchange, JsonNode request) throws IOException {
		this.statementRequests.add(request);
		if (!WAREHOUSE.equals(request.path("warehouse_id").asString(""))) {
			error(exchange, 400, "INVALID_PARAMETER_VALUE", "Warehouse " + request.path("warehouse_id").asString("")
					+ " does not exist or you do not have access to it.");
			return;
		}
		if (!"INLINE".equals(request.path("disposition").asString())
				|| !"JSON_ARRAY".equals(request.path("format").asString())) {
			error(exchange, 400, "INVALID_PARAMETER_VALUE", "This server only serves INLINE JSON_ARRAY results.");
			return;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JsonNode parameter : request.path("parameters")) {
			parameters.put(parameter.path("name").asString(), parameter.path("value").asString(null));
		}
		String sql = request.path("statement").asString("");
		String id = "01ef" + UUID.randomUUID().toString().substring(4);
		Statement statement;
		String failure = this.failNextStatement.getAndSet(null);
		if (failure != null) {
			statement = new Statement(id, null, null, failure);
		}
		else {
			statement = answer(id, sql, parameters);
		}
		this.statements.put(id, statement);
		if (this.neverFinish || this.pendingPolls > 0) {
			send(exchange, 200, Map.of("statement_id", id, "status", Map.of("state", "PENDING")));
			return;
		}
		send(exchange, 200, statement.response(0));
	}

	private void statement(HttpExchange exchange, String method, Matcher matcher) throws IOException {
		matcher.matches();
		Statement statement = this.statements.get(matcher.group(1));
		if (statement == null) {
			error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "Statement " + matcher.group(1) + " not found.");
			return;
		}
		if ("/cancel".equals(matcher.group(2)) && method.equals("POST")) {
			this.canceled.add(statement.id);
			statement.canceled = true;
			send(exchange, 200, Map.of());
			return;
		}
		if (matcher.group(3) != null) {
			this.chunkRequests.incrementAndGet();
			send(exchange, 200, statement.chunk(Integer.parseInt(matcher.group(3))));
			return;
		}
		int poll = statement.polls.incrementAndGet();
		this.polls.incrementAndGet();
		if (statement.canceled) {
			send(exchange, 200, Map.of("statement_id", statement.id, "status", Map.of("state", "CANCELED")));
		}
		else if (this.neverFinish || poll <= this.pendingPolls) {
			send(exchange, 200, Map.of("statement_id", statement.id, "status",
					Map.of("state", (poll == 1) ? "PENDING" : "RUNNING")));
		}
		else {
			send(exchange, 200, statement.response(0));
		}
	}

	/** Answers the plugin's information_schema queries from the catalog in memory. */
	private Statement answer(String id, String sql, Map<String, String> parameters) {
		if (sql.strip().equals("SELECT 1")) {
			return new Statement(id, List.of("1"), List.of(List.of("1")), null);
		}
		if (sql.contains("FROM system.information_schema.tables AS t") && sql.contains("count(*) AS column_count")) {
			List<List<String>> rows = new ArrayList<>();
			for (Table table : inScope(parameters)) {
				rows.add(row(table.catalog, table.schema, table.name, table.type, format(table.lastAltered),
						Integer.toString(table.columns.size())));
			}
			return new Statement(id, List.of("table_catalog", "table_schema", "table_name", "table_type",
					"last_altered", "column_count"), rows, null);
		}
		if (sql.contains("WHERE t.table_catalog = :catalog AND t.table_schema = :schema AND t.table_name = :table")) {
			List<List<String>> rows = new ArrayList<>();
			Table table = this.tables
				.get(parameters.get("catalog") + "." + parameters.get("schema") + "." + parameters.get("table"));
			if (table != null) {
				if (table.columns.isEmpty()) {
					rows.add(row(table.type, table.comment, format(table.created), format(table.lastAltered), null,
							null, null, null, null, null));
				}
				List<Column> columns = new ArrayList<>(table.columns);
				columns.sort(Comparator.comparingInt(Column::position));
				for (Column column : columns) {
					rows.add(row(table.type, table.comment, format(table.created), format(table.lastAltered),
							column.name, column.fullType, column.fullType.replaceAll("[<(].*", "").toUpperCase(),
							column.nullable ? "YES" : "NO", column.comment, Integer.toString(column.position)));
				}
			}
			return new Statement(
					id, List.of("table_type", "table_comment", "created", "last_altered", "column_name",
							"full_data_type", "data_type", "is_nullable", "column_comment", "ordinal_position"),
					rows, null);
		}
		if (sql.contains("contains(lower(t.table_name), :word_0)")) {
			List<String> words = parameters.entrySet()
				.stream()
				.filter((e) -> e.getKey().startsWith("word_"))
				.map(Map.Entry::getValue)
				.toList();
			List<List<String>> rows = new ArrayList<>();
			for (Table table : inScope(parameters)) {
				String comment = (table.comment != null) ? table.comment.toLowerCase() : "";
				if (words.stream().allMatch((w) -> table.name.contains(w) || comment.contains(w))) {
					rows.add(row(table.catalog, table.schema, table.name, table.type, format(table.lastAltered)));
				}
			}
			return new Statement(id,
					List.of("table_catalog", "table_schema", "table_name", "table_type", "last_altered"), rows, null);
		}
		return new Statement(id, null, null, "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601");
	}

	private List<Table> inScope(Map<String, String> parameters) {
		Set<String> catalogs = new TreeSet<>();
		Map<String, String> schemaCatalogs = new LinkedHashMap<>();
		Set<String> schemas = new TreeSet<>();
		parameters.forEach((name, value) -> {
			if (name.startsWith("catalog_")) {
				catalogs.add(value);
			}
			else if (name.startsWith("schema_catalog_")) {
				schemaCatalogs.put(name.substring("schema_catalog_".length()), value);
			}
		});
		parameters.forEach((name, value) -> {
			if (name.matches("schema_\\d+")) {
				String index = name.substring("schema_".length());
				schemas.add(schemaCatalogs.containsKey(index) ? schemaCatalogs.get(index) + "." + value : "*." + value);
			}
		});
		return this.tables.values()
			.stream()
			.filter((t) -> !t.schema.equals("information_schema"))
			.filter((t) -> catalogs.isEmpty() ? !t.catalog.equals("system") : catalogs.contains(t.catalog))
			.filter((t) -> schemas.isEmpty() || schemas.contains(t.catalog + "." + t.schema)
					|| schemas.contains("*." + t.schema))
			.sorted(Comparator.comparing(Table::fullName))
			.toList();
	}

	// ---- workspace

	private void list(HttpExchange exchange, String path) throws IOException {
		if (this.notebooks.containsKey(path)) {
			send(exchange, 200, Map.of("objects", List.of(this.notebooks.get(path).info())));
			return;
		}
		String prefix = path.endsWith("/") ? path : path + "/";
		Map<String, Object> children = new LinkedHashMap<>();
		for (NotebookObject notebook : this.notebooks.values()) {
			if (!notebook.path.startsWith(prefix)) {
				continue;
			}
			String rest = notebook.path.substring(prefix.length());
			int slash = rest.indexOf('/');
			if (slash < 0) {
				children.put(notebook.path, notebook.info());
			}
			else {
				String directory = prefix + rest.substring(0, slash);
				children.putIfAbsent(directory, Map.of("object_type", "DIRECTORY", "path", directory, "object_id",
						Math.abs(directory.hashCode())));
			}
		}
		if (children.isEmpty() && !path.equals("/")) {
			error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "Path (" + path + ") doesn't exist.");
			return;
		}
		// an empty folder answers {} without "objects"
		send(exchange, 200, children.isEmpty() ? Map.of() : Map.of("objects", List.copyOf(children.values())));
	}

	private void status(HttpExchange exchange, String path) throws IOException {
		if (this.notebooks.containsKey(path)) {
			send(exchange, 200, this.notebooks.get(path).info());
			return;
		}
		String prefix = path.endsWith("/") ? path : path + "/";
		if (path.equals("/") || this.notebooks.keySet().stream().anyMatch((p) -> p.startsWith(prefix))) {
			send(exchange, 200,
					Map.of("object_type", "DIRECTORY", "path", path, "object_id", Math.abs(path.hashCode())));
			return;
		}
		error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "Path (" + path + ") doesn't exist.");
	}

	private void export(HttpExchange exchange, String path, String format) throws IOException {
		NotebookObject notebook = this.notebooks.get(path);
		if (notebook == null) {
			error(exchange, 404, "RESOURCE_DOES_NOT_EXIST", "Path (" + path + ") doesn't exist.");
			return;
		}
		if (this.deniedExports.contains(path)) {
			error(exchange, 403, "PERMISSION_DENIED",
					"User does not have permission CAN_READ on notebook " + notebook.objectId + ".");
			return;
		}
		if (!format.equals("SOURCE")) {
			error(exchange, 400, "INVALID_PARAMETER_VALUE", "Only SOURCE is served here.");
			return;
		}
		String fileType = switch (notebook.language) {
			case "SCALA" -> "scala";
			case "SQL" -> "sql";
			case "R" -> "r";
			default -> "py";
		};
		send(exchange, 200,
				Map.of("content", Base64.getEncoder().encodeToString(notebook.source.getBytes(StandardCharsets.UTF_8)),
						"file_type", fileType));
	}

	// ---- helpers

	private static List<String> row(String... values) {
		List<String> row = new ArrayList<>(values.length);
		for (String value : values) {
			row.add(value);
		}
		return row;
	}

	private static String format(Instant instant) {
		return (instant != null) ? TIMESTAMP.format(instant) : null;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

	private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		send(exchange, status, Map.of("error_code", code, "message", message));
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	public record Column(String name, String fullType, boolean nullable, String comment, int position) {
	}

	public record Table(String catalog, String schema, String name, String type, String comment, Instant created,
			Instant lastAltered, List<Column> columns) {

		String fullName() {
			return this.catalog + "." + this.schema + "." + this.name;
		}

		public Table column(String name, String fullType, boolean nullable, String comment) {
			this.columns.add(new Column(name, fullType, nullable, comment, this.columns.size()));
			return this;
		}

	}

	record NotebookObject(String path, String objectId, String language, Instant modifiedAt, String source) {

		Map<String, Object> info() {
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("object_type", "NOTEBOOK");
			info.put("path", this.path);
			info.put("language", this.language);
			info.put("object_id", Long.parseLong(this.objectId));
			info.put("created_at", this.modifiedAt.minusSeconds(3600).toEpochMilli());
			info.put("modified_at", this.modifiedAt.toEpochMilli());
			info.put("resource_id", this.objectId);
			return info;
		}

	}

	/** A statement and its result, served in chunks. */
	private final class Statement {

		private final String id;

		private final List<String> columns;

		private final List<List<String>> rows;

		private final String failure;

		private final AtomicInteger polls = new AtomicInteger();

		private volatile boolean canceled;

		Statement(String id, List<String> columns, List<List<String>> rows, String failure) {
			this.id = id;
			this.columns = columns;
			this.rows = rows;
			this.failure = failure;
		}

		Map<String, Object> response(int chunk) {
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("statement_id", this.id);
			if (this.failure != null) {
				response.put("status", Map.of("state", "FAILED", "error",
						Map.of("error_code", "BAD_REQUEST", "message", this.failure), "sql_state", "42601"));
				return response;
			}
			response.put("status", Map.of("state", "SUCCEEDED"));
			List<Map<String, Object>> schema = new ArrayList<>();
			for (int i = 0; i < this.columns.size(); i++) {
				schema.add(Map.of("name", this.columns.get(i), "type_text", "STRING", "type_name", "STRING", "position",
						i));
			}
			List<Map<String, Object>> chunks = new ArrayList<>();
			for (int i = 0; i < chunkCount(); i++) {
				chunks.add(Map.of("chunk_index", i, "row_offset", (long) i * LocalDatabricksServer.this.chunkSize,
						"row_count", chunkRows(i).size()));
			}
			response.put("manifest",
					Map.of("format", "JSON_ARRAY", "schema",
							Map.of("column_count", this.columns.size(), "columns", schema), "total_chunk_count",
							chunkCount(), "chunks", chunks, "total_row_count", this.rows.size(), "truncated", false));
			response.put("result", chunk(chunk));
			return response;
		}

		Map<String, Object> chunk(int index) {
			Map<String, Object> chunk = new LinkedHashMap<>();
			chunk.put("chunk_index", index);
			chunk.put("row_offset", (long) index * LocalDatabricksServer.this.chunkSize);
			List<List<String>> rows = chunkRows(index);
			chunk.put("row_count", rows.size());
			if (!rows.isEmpty()) {
				chunk.put("data_array", rows);
			}
			if (index + 1 < chunkCount()) {
				chunk.put("next_chunk_index", index + 1);
				chunk.put("next_chunk_internal_link",
						"/api/2.0/sql/statements/" + this.id + "/result/chunks/" + (index + 1));
			}
			return chunk;
		}

		private int chunkCount() {
			int size = LocalDatabricksServer.this.chunkSize;
			return Math.max(1, (this.rows.size() + size - 1) / size);
		}

		private List<List<String>> chunkRows(int index) {
			int size = LocalDatabricksServer.this.chunkSize;
			int from = Math.min(this.rows.size(), index * size);
			return this.rows.subList(from, Math.min(this.rows.size(), from + size));
		}

	}

}
