package io.noterag.indexing.plugin.databricks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * Runs SQL on a warehouse through the Statement Execution API 2.0: named parameters
 * (never values written into the SQL), {@code INLINE} {@code JSON_ARRAY} results, waiting
 * up to {@code wait_timeout} then polling {@code GET /api/2.0/sql/statements/{id}} until
 * the statement ends or an overall timeout cancels it, and following
 * {@code next_chunk_internal_link} through every result chunk.
 */
public final class StatementExecutor {

	private static final Logger logger = LoggerFactory.getLogger(StatementExecutor.class);

	private static final String STATEMENTS = "/api/2.0/sql/statements";

	private final DatabricksHttp http;

	private final Duration waitTimeout;

	private final Duration pollInterval;

	private final Duration timeout;

	/**
	 * A statement runner.
	 * @param http the client
	 * @param waitTimeout how long the first call waits for the result ({@code 0s}, or 5
	 * to 50 seconds; other values are brought into that range)
	 * @param pollInterval the pause between two polls
	 * @param timeout the longest a statement may take, queueing included
	 */
	public StatementExecutor(DatabricksHttp http, Duration waitTimeout, Duration pollInterval, Duration timeout) {
		this.http = http;
		long seconds = waitTimeout.toSeconds();
		this.waitTimeout = Duration.ofSeconds((seconds <= 0) ? 0 : Math.min(50, Math.max(5, seconds)));
		this.pollInterval = pollInterval;
		this.timeout = timeout;
	}

	/**
	 * Runs a statement and reads all its rows.
	 * @param workspace the workspace
	 * @param warehouseId the warehouse
	 * @param sql the statement, with {@code :name} parameter markers
	 * @param parameters the markers' values (strings)
	 * @return the rows
	 * @throws StatementFailedException when the warehouse reports the statement failed
	 * @throws SourceUnavailableException when it does not finish in time or was canceled
	 */
	public QueryResult run(Workspace workspace, String warehouseId, String sql, Map<String, String> parameters) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("warehouse_id", warehouseId);
		request.put("statement", sql);
		request.put("wait_timeout", this.waitTimeout.toSeconds() + "s");
		request.put("on_wait_timeout", "CONTINUE");
		request.put("disposition", "INLINE");
		request.put("format", "JSON_ARRAY");
		if (!parameters.isEmpty()) {
			List<Map<String, String>> list = new ArrayList<>();
			parameters.forEach((name, value) -> list.add(Map.of("name", name, "value", value, "type", "STRING")));
			request.put("parameters", list);
		}
		Instant deadline = Instant.now().plus(this.timeout);
		JsonNode response = this.http.post(workspace, STATEMENTS, request, this.waitTimeout);
		String statementId = response.path("statement_id").asString("");
		while (true) {
			String state = response.path("status").path("state").asString("");
			switch (state) {
				case "SUCCEEDED":
					return rows(workspace, response);
				case "FAILED":
					JsonNode error = response.path("status").path("error");
					throw new StatementFailedException(error.path("error_code").asString(null),
							error.path("message").asString("no reason given"));
				case "CANCELED":
				case "CLOSED":
					throw new SourceUnavailableException("The SQL statement on warehouse " + warehouseId + " was "
							+ state.toLowerCase(java.util.Locale.ROOT) + " before its result was read.");
				case "PENDING":
				case "RUNNING":
					break;
				default:
					throw new SourceUnavailableException(
							"Databricks answered an unknown statement state '" + state + "'.");
			}
			if (statementId.isEmpty()) {
				throw new SourceUnavailableException("Databricks gave no statement id to poll.");
			}
			if (!Instant.now().plus(this.pollInterval).isBefore(deadline)) {
				cancel(workspace, statementId);
				throw new SourceUnavailableException("The SQL statement on warehouse " + warehouseId
						+ " did not finish within " + this.timeout + " (state " + state + "); it was canceled.");
			}
			DatabricksHttp.sleep(this.pollInterval);
			response = this.http.get(workspace, STATEMENTS + "/" + DatabricksHttp.encode(statementId));
		}
	}

	private QueryResult rows(Workspace workspace, JsonNode response) {
		JsonNode manifest = response.path("manifest");
		if (manifest.path("truncated").asBoolean(false)) {
			throw new SourceException("The result of a metadata query was truncated by Databricks; "
					+ "narrow the source with config.catalogs or config.schemas.");
		}
		List<String> columns = new ArrayList<>();
		for (JsonNode column : manifest.path("schema").path("columns")) {
			columns.add(column.path("name").asString(""));
		}
		List<List<String>> rows = new ArrayList<>();
		JsonNode chunk = response.path("result");
		Set<String> seen = new HashSet<>();
		while (true) {
			for (JsonNode row : chunk.path("data_array")) {
				List<String> values = new ArrayList<>(row.size());
				for (JsonNode value : row) {
					values.add(value.isNull() ? null : value.asString());
				}
				rows.add(Collections.unmodifiableList(values));
			}
			String next = chunk.path("next_chunk_internal_link").asString("");
			if (next.isEmpty()) {
				break;
			}
			if (!next.startsWith("/") || !seen.add(next)) {
				throw new SourceUnavailableException("Databricks gave an unusable next chunk link.");
			}
			chunk = this.http.get(workspace, next);
		}
		return new QueryResult(columns, rows);
	}

	private void cancel(Workspace workspace, String statementId) {
		try {
			this.http.post(workspace, STATEMENTS + "/" + DatabricksHttp.encode(statementId) + "/cancel", Map.of(),
					Duration.ZERO);
		}
		catch (SourceException ex) {
			logger.debug("Could not cancel statement {}: {}", statementId, ex.getMessage());
		}
	}

	/** The warehouse ran the statement and reported it failed. */
	public static class StatementFailedException extends SourceException {

		private final String errorCode;

		public StatementFailedException(String errorCode, String message) {
			super("The SQL statement failed on the warehouse: " + message);
			this.errorCode = errorCode;
		}

		/**
		 * Databricks' error code.
		 * @return the code, or {@code null}
		 */
		public String errorCode() {
			return this.errorCode;
		}

	}

}
