package io.noterag.indexing.plugin.databricks.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Unity Catalog's {@code system.information_schema} through a SQL warehouse: the
 * tables in scope (with their column count, so that a table without columns is known at
 * listing time), one table with its columns in ordinal order, and a name or comment
 * search. Catalog, schema and table names from the configuration or from an item id
 * travel as named statement parameters; none is ever written into the SQL text. The
 * {@code information_schema} schemas are never listed, nor the {@code system} catalog
 * unless it is named in {@code config.catalogs}.
 */
public final class TableCatalog {

	private static final String LIST = """
			SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, t.last_altered,
			  coalesce(c.column_count, 0) AS column_count
			FROM system.information_schema.tables AS t
			LEFT JOIN (
			  SELECT table_catalog, table_schema, table_name, count(*) AS column_count
			  FROM system.information_schema.columns
			  WHERE %s
			  GROUP BY table_catalog, table_schema, table_name
			) AS c
			  ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
			WHERE %s
			ORDER BY t.table_catalog, t.table_schema, t.table_name""";

	private static final String DESCRIBE = """
			SELECT t.table_type, t.comment AS table_comment, t.created, t.last_altered,
			  c.column_name, c.full_data_type, c.data_type, c.is_nullable, c.comment AS column_comment, c.ordinal_position
			FROM system.information_schema.tables AS t
			LEFT JOIN system.information_schema.columns AS c
			  ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
			WHERE t.table_catalog = :catalog AND t.table_schema = :schema AND t.table_name = :table
			ORDER BY c.ordinal_position""";

	private static final String SEARCH = """
			SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, t.last_altered
			FROM system.information_schema.tables AS t
			WHERE %s AND %s
			ORDER BY %s, t.table_catalog, t.table_schema, t.table_name
			LIMIT %d""";

	private static final int MAX_SEARCH_WORDS = 8;

	private final StatementExecutor statements;

	public TableCatalog(StatementExecutor statements) {
		this.statements = statements;
	}

	/**
	 * The tables in scope.
	 * @param workspace the workspace
	 * @param warehouseId the warehouse that runs the query
	 * @param catalogs only these catalogs (all but {@code system} when empty)
	 * @param schemas only these schemas, {@code catalog.schema} or {@code schema} (all
	 * when empty)
	 * @return the tables, sorted by name
	 */
	public List<TableEntry> list(Workspace workspace, String warehouseId, List<String> catalogs, List<String> schemas) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String scope = scope("t.", catalogs, schemas, parameters);
		String columnScope = scope("", catalogs, schemas, new LinkedHashMap<>());
		QueryResult result = this.statements.run(workspace, warehouseId, LIST.formatted(columnScope, scope),
				parameters);
		List<TableEntry> tables = new ArrayList<>();
		for (QueryResult.Row row : result.named()) {
			String catalog = row.get("table_catalog");
			String schema = row.get("table_schema");
			String name = row.get("table_name");
			if (catalog == null || schema == null || name == null) {
				continue;
			}
			tables.add(new TableEntry(catalog, schema, name, row.get("table_type"), timestamp(row.get("last_altered")),
					number(row.get("column_count"))));
		}
		return tables;
	}

	/**
	 * One table with its columns.
	 * @param workspace the workspace
	 * @param warehouseId the warehouse
	 * @param catalog its catalog
	 * @param schema its schema
	 * @param table its name
	 * @return the table, or empty when it does not exist (any more)
	 */
	public Optional<TableDescription> describe(Workspace workspace, String warehouseId, String catalog, String schema,
			String table) {
		QueryResult result = this.statements.run(workspace, warehouseId, DESCRIBE,
				DatabricksHttp.params("catalog", catalog, "schema", schema, "table", table));
		List<QueryResult.Row> rows = result.named();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		QueryResult.Row first = rows.get(0);
		List<TableColumn> columns = new ArrayList<>();
		for (QueryResult.Row row : rows) {
			String name = row.get("column_name");
			if (name == null) {
				continue;
			}
			String type = firstNonBlank(row.get("full_data_type"), row.get("data_type"), "unknown type");
			columns.add(new TableColumn(name, type, !"NO".equalsIgnoreCase(row.get("is_nullable")),
					row.get("column_comment"), number(row.get("ordinal_position"))));
		}
		columns.sort(Comparator.comparingLong(TableColumn::position));
		return Optional
			.of(new TableDescription(catalog, schema, table, first.get("table_type"), first.get("table_comment"),
					timestamp(first.get("created")), timestamp(first.get("last_altered")), columns));
	}

	/**
	 * Tables in scope whose name or comment holds every word of a query, those whose name
	 * matches first.
	 * @param workspace the workspace
	 * @param warehouseId the warehouse
	 * @param catalogs the configured catalogs
	 * @param schemas the configured schemas
	 * @param query the words
	 * @param limit the most tables
	 * @return the tables
	 */
	public List<TableEntry> search(Workspace workspace, String warehouseId, List<String> catalogs, List<String> schemas,
			String query, int limit) {
		List<String> words = new ArrayList<>();
		for (String word : query.toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
			if (!word.isBlank() && words.size() < MAX_SEARCH_WORDS) {
				words.add(word);
			}
		}
		if (words.isEmpty() || limit <= 0) {
			return List.of();
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		String scope = scope("t.", catalogs, schemas, parameters);
		List<String> conditions = new ArrayList<>();
		List<String> nameMatches = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			String name = "word_" + i;
			parameters.put(name, words.get(i));
			conditions.add("(contains(lower(t.table_name), :" + name + ") OR contains(lower(coalesce(t.comment, '')), :"
					+ name + "))");
			nameMatches.add("contains(lower(t.table_name), :" + name + ")");
		}
		String sql = SEARCH.formatted(scope, String.join(" AND ", conditions),
				"CASE WHEN " + String.join(" AND ", nameMatches) + " THEN 0 ELSE 1 END", Math.min(limit, 1000));
		List<TableEntry> tables = new ArrayList<>();
		for (QueryResult.Row row : this.statements.run(workspace, warehouseId, sql, parameters).named()) {
			tables.add(new TableEntry(row.get("table_catalog"), row.get("table_schema"), row.get("table_name"),
					row.get("table_type"), timestamp(row.get("last_altered")), -1));
		}
		return tables;
	}

	/**
	 * A cheap query that proves the warehouse answers.
	 * @param workspace the workspace
	 * @param warehouseId the warehouse
	 */
	public void ping(Workspace workspace, String warehouseId) {
		this.statements.run(workspace, warehouseId, "SELECT 1", Map.of());
	}

	private static String scope(String prefix, List<String> catalogs, List<String> schemas,
			Map<String, String> parameters) {
		List<String> conditions = new ArrayList<>();
		conditions.add(prefix + "table_schema <> 'information_schema'");
		if (catalogs.isEmpty()) {
			conditions.add(prefix + "table_catalog <> 'system'");
		}
		else {
			List<String> markers = new ArrayList<>();
			for (String catalog : catalogs) {
				String name = "catalog_" + markers.size();
				parameters.put(name, unquote(catalog));
				markers.add(":" + name);
			}
			conditions.add(prefix + "table_catalog IN (" + String.join(", ", markers) + ")");
		}
		if (!schemas.isEmpty()) {
			List<String> alternatives = new ArrayList<>();
			for (int i = 0; i < schemas.size(); i++) {
				String entry = schemas.get(i);
				int dot = entry.indexOf('.');
				String schemaName = "schema_" + i;
				if (dot > 0 && dot < entry.length() - 1) {
					String catalogName = "schema_catalog_" + i;
					parameters.put(catalogName, unquote(entry.substring(0, dot)));
					parameters.put(schemaName, unquote(entry.substring(dot + 1)));
					alternatives.add("(" + prefix + "table_catalog = :" + catalogName + " AND " + prefix
							+ "table_schema = :" + schemaName + ")");
				}
				else {
					parameters.put(schemaName, unquote(entry));
					alternatives.add(prefix + "table_schema = :" + schemaName);
				}
			}
			conditions.add("(" + String.join(" OR ", alternatives) + ")");
		}
		return String.join(" AND ", conditions);
	}

	/** Unity Catalog keeps names in lower case; a name may be written in back-ticks. */
	private static String unquote(String name) {
		String trimmed = name.strip();
		if (trimmed.length() >= 2 && trimmed.startsWith("`") && trimmed.endsWith("`")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1).replace("``", "`");
		}
		return trimmed.toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads a {@code TIMESTAMP} as the Statement Execution API formats it.
	 * @param value the value
	 * @return the instant, or {@code null}
	 */
	static Instant timestamp(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// other shapes below
		}
		try {
			return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
		}
		catch (DateTimeParseException ex) {
			// other shapes below
		}
		try {
			return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static long number(String value) {
		if (value == null) {
			return 0;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A table as listed.
	 *
	 * @param catalog its catalog
	 * @param schema its schema
	 * @param name its name
	 * @param tableType {@code MANAGED}, {@code EXTERNAL}, {@code VIEW}...
	 * @param lastAltered when its definition last changed, if known
	 * @param columnCount how many columns it has ({@code -1} when not counted)
	 */
	public record TableEntry(String catalog, String schema, String name, String tableType, Instant lastAltered,
			long columnCount) {

		/**
		 * Its three-part name.
		 * @return {@code catalog.schema.name}
		 */
		public String fullName() {
			return this.catalog + "." + this.schema + "." + this.name;
		}

	}

	/**
	 * A table with its columns.
	 *
	 * @param catalog its catalog
	 * @param schema its schema
	 * @param name its name
	 * @param tableType its type
	 * @param comment its comment, if any
	 * @param created when it was created, if known
	 * @param lastAltered when its definition last changed, if known
	 * @param columns its columns in ordinal order
	 */
	public record TableDescription(String catalog, String schema, String name, String tableType, String comment,
			Instant created, Instant lastAltered, List<TableColumn> columns) {

		/**
		 * Its three-part name.
		 * @return {@code catalog.schema.name}
		 */
		public String fullName() {
			return this.catalog + "." + this.schema + "." + this.name;
		}

	}

	/**
	 * A column.
	 *
	 * @param name its name
	 * @param type its type as declared ({@code decimal(10,2)})
	 * @param nullable whether it may hold nulls
	 * @param comment its comment, if any
	 * @param position its ordinal position
	 */
	public record TableColumn(String name, String type, boolean nullable, String comment, long position) {
	}

}
