package io.noterag.indexing.plugin.databricks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.plugin.databricks.internal.AccessTokens;
import io.noterag.indexing.plugin.databricks.internal.DatabricksApiException;
import io.noterag.indexing.plugin.databricks.internal.DatabricksHttp;
import io.noterag.indexing.plugin.databricks.internal.ListingCursor;
import io.noterag.indexing.plugin.databricks.internal.NotebookText;
import io.noterag.indexing.plugin.databricks.internal.OAuthTokenCache;
import io.noterag.indexing.plugin.databricks.internal.StatementExecutor;
import io.noterag.indexing.plugin.databricks.internal.StatementExecutor.StatementFailedException;
import io.noterag.indexing.plugin.databricks.internal.TableCatalog;
import io.noterag.indexing.plugin.databricks.internal.TableCatalog.TableColumn;
import io.noterag.indexing.plugin.databricks.internal.TableCatalog.TableDescription;
import io.noterag.indexing.plugin.databricks.internal.TableCatalog.TableEntry;
import io.noterag.indexing.plugin.databricks.internal.TableText;
import io.noterag.indexing.plugin.databricks.internal.Workspace;
import io.noterag.indexing.plugin.databricks.internal.WorkspaceObjects;
import io.noterag.indexing.plugin.databricks.internal.WorkspaceObjects.Export;
import io.noterag.indexing.plugin.databricks.internal.WorkspaceObjects.Notebook;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;

/**
 * The Databricks source type ({@code databricks}).
 * <p>
 * Tables: one document per table or view in scope ({@code config.catalogs},
 * {@code config.schemas}), id {@code table:catalog.schema.name}, titled
 * {@code Table: catalog.schema.name}, written as Markdown: the table's comment, then its
 * columns in ordinal order with type, nullability and comment. A table without columns is
 * rejected at listing time (and fails as an item if it loses them later). Notebooks: one
 * document per notebook under {@code config.notebook_paths} (the whole workspace when
 * empty), id {@code notebook:<path>}, exported as source and written as Markdown
 * (Markdown cells as text, code cells as fenced code).
 * <p>
 * Listing: the full listing is always made (one metadata query for the tables, one
 * Workspace API call per folder), so it is exact. With no {@code modifiedSince}, or
 * without a cursor from a previous listing, every item is returned and the change set is
 * complete. With {@code modifiedSince} and the previous cursor (the ids present then),
 * only the items changed since (tables by {@code last_altered}, notebooks by
 * {@code modified_at}, less {@link DatabricksProperties#modifiedSlack()}) or absent from
 * the previous listing are returned, the ids that disappeared are reported deleted, and
 * the change set is not complete. Each listing leaves the current ids as its cursor.
 * Fetch filters are ignored: the configuration says what a source holds.
 * <p>
 * Failures: refused credentials (401, 403, a {@code PERMISSION_DENIED} on the warehouse
 * or a folder) are {@link SourceAuthenticationException}; an unreachable workspace, a
 * server error, a statement that outlives {@link DatabricksProperties#statementTimeout()}
 * are {@code SourceUnavailableException}; throttling beyond
 * {@link DatabricksProperties#maxThrottleWait()} is {@code SourceThrottledException}; a
 * table or notebook that cannot be read is an {@link ItemException}.
 */
public class DatabricksDataSource implements DataSourcePlugin<DatabricksConfig> {

	/** The id prefix of tables. */
	public static final String TABLE_PREFIX = "table:";

	/** The id prefix of notebooks. */
	public static final String NOTEBOOK_PREFIX = "notebook:";

	private static final Logger logger = LoggerFactory.getLogger(DatabricksDataSource.class);

	private static final String MARKDOWN = "text/markdown";

	private final DatabricksProperties properties;

	private final DatabricksHttp http;

	private final OAuthTokenCache oauth;

	private final TableCatalog tables;

	private final WorkspaceObjects workspaceObjects;

	public DatabricksDataSource(DatabricksProperties properties, Clock clock) {
		this.properties = properties;
		this.http = new DatabricksHttp(properties.connectTimeout(), properties.readTimeout(),
				properties.maxThrottleWait());
		this.oauth = new OAuthTokenCache(this.http, clock);
		this.tables = new TableCatalog(new StatementExecutor(this.http, properties.statementWaitTimeout(),
				properties.pollInterval(), properties.statementTimeout()));
		this.workspaceObjects = new WorkspaceObjects(this.http);
	}

	@Override
	public String sourceType() {
		return SourceTypes.DATABRICKS;
	}

	@Override
	public Set<PluginCapability> capabilities() {
		return EnumSet.of(PluginCapability.INCREMENTAL_SYNC, PluginCapability.DELETIONS, PluginCapability.SEARCH);
	}

	@Override
	public DatabricksConfig configure(Map<String, Object> config) {
		return DatabricksConfig.parse(config);
	}

	@Override
	public void authenticate(SourceContext<DatabricksConfig> source) {
		DatabricksConfig config = source.config();
		Workspace workspace = workspace(source);
		sourceLevel(() -> this.http.get(workspace, "/api/2.0/preview/scim/v2/Me"));
		if (config.includeTables()) {
			try {
				this.http.get(workspace, "/api/2.0/sql/warehouses/" + DatabricksHttp.encode(config.warehouseId()));
			}
			catch (DatabricksApiException ex) {
				if (ex.permissionDenied()) {
					throw new SourceAuthenticationException(
							"This source may not use SQL warehouse '" + config.warehouseId() + "'.", ex);
				}
				if (ex.notFound() || ex.status() == 400) {
					throw new SourceException("SQL warehouse '" + config.warehouseId()
							+ "' does not exist in the workspace; check config.warehouse_id.", ex);
				}
				throw ex;
			}
		}
		if (config.includeNotebooks()) {
			for (String path : notebookRoots(config)) {
				boolean exists = sourceLevel(() -> this.workspaceObjects.exists(workspace, path));
				if (!exists) {
					throw new SourceException("Workspace folder '" + path
							+ "' does not exist or is not visible to this source; check config.notebook_paths.");
				}
			}
		}
	}

	@Override
	public ChangeSet fetchDocuments(SourceContext<DatabricksConfig> source, FetchFilters filters,
			Instant modifiedSince) {
		DatabricksConfig config = source.config();
		Workspace workspace = workspace(source);
		List<Listed> listed = new ArrayList<>();
		if (config.includeTables()) {
			List<TableEntry> entries = sourceLevel(
					() -> this.tables.list(workspace, config.warehouseId(), config.catalogs(), config.schemas()));
			for (TableEntry table : entries) {
				listed.add(listed(table));
			}
		}
		if (config.includeNotebooks()) {
			List<Notebook> notebooks = sourceLevel(
					() -> this.workspaceObjects.notebooks(workspace, notebookRoots(config)));
			for (Notebook notebook : notebooks) {
				listed.add(listed(notebook));
			}
		}
		Set<String> present = new TreeSet<>();
		listed.forEach((item) -> present.add(item.ref().itemId()));
		String nextCursor = cursor(present);
		Optional<Set<String>> previous = (modifiedSince != null) ? source.cursor().flatMap(ListingCursor::decode)
				: Optional.empty();
		if (previous.isEmpty()) {
			return new ChangeSet(refs(listed, (item) -> true), List.of(), rejected(listed, (item) -> true), true,
					nextCursor);
		}
		Instant since = modifiedSince.minus(this.properties.modifiedSlack());
		Set<String> before = previous.get();
		Predicate<Listed> changed = (item) -> !before.contains(item.ref().itemId()) || item.ref().modifiedAt() == null
				|| item.ref().modifiedAt().isAfter(since);
		List<String> deleted = before.stream().filter((id) -> !present.contains(id)).sorted().toList();
		return new ChangeSet(refs(listed, changed), deleted, rejected(listed, changed), false, nextCursor);
	}

	@Override
	public SourceItem getDocument(SourceContext<DatabricksConfig> source, ItemRef item) {
		String id = item.itemId();
		if (id.startsWith(TABLE_PREFIX)) {
			return table(source, item);
		}
		if (id.startsWith(NOTEBOOK_PREFIX)) {
			return notebook(source, item);
		}
		throw new ItemException("'" + id + "' is not the id of a Databricks table or notebook.");
	}

	@Override
	public List<ItemRef> search(SourceContext<DatabricksConfig> source, String query, int limit) {
		DatabricksConfig config = source.config();
		if (!config.includeTables() || query == null || query.isBlank()) {
			return List.of();
		}
		Workspace workspace = workspace(source);
		List<TableEntry> found = sourceLevel(() -> this.tables.search(workspace, config.warehouseId(),
				config.catalogs(), config.schemas(), query, limit));
		return found.stream().map((table) -> listed(table).ref()).toList();
	}

	private SourceItem table(SourceContext<DatabricksConfig> source, ItemRef item) {
		String[] name = tableName(item);
		DatabricksConfig config = source.config();
		if (!config.includeTables()) {
			return null;
		}
		Workspace workspace = workspace(source);
		Optional<TableDescription> found;
		try {
			found = this.tables.describe(workspace, config.warehouseId(), name[0], name[1], name[2]);
		}
		catch (DatabricksApiException | StatementFailedException ex) {
			throw new ItemException("Table " + String.join(".", name) + " cannot be read: " + ex.getMessage(), ex);
		}
		if (found.isEmpty()) {
			return null;
		}
		TableDescription table = found.get();
		if (table.columns().isEmpty()) {
			throw new ItemException("Table " + table.fullName() + " has no columns.");
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("catalog", table.catalog());
		metadata.put("schema", table.schema());
		metadata.put("table", table.name());
		if (table.tableType() != null) {
			metadata.put("table_type", table.tableType());
		}
		List<Map<String, Object>> columns = new ArrayList<>();
		for (TableColumn column : table.columns()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("name", column.name());
			described.put("type", column.type());
			described.put("nullable", column.nullable());
			if (column.comment() != null && !column.comment().isBlank()) {
				described.put("comment", column.comment());
			}
			columns.add(described);
		}
		metadata.put("columns", columns);
		String url = config.workspaceUrl() + "/explore/data/" + DatabricksHttp.encode(table.catalog()) + "/"
				+ DatabricksHttp.encode(table.schema()) + "/" + DatabricksHttp.encode(table.name());
		return new SourceItem(TABLE_PREFIX + table.fullName(), "Table: " + table.fullName(), url,
				table.fullName() + ".md", MARKDOWN, TableText.markdown(table).getBytes(StandardCharsets.UTF_8),
				table.created(), table.lastAltered(), metadata, List.of());
	}

	private SourceItem notebook(SourceContext<DatabricksConfig> source, ItemRef item) {
		DatabricksConfig config = source.config();
		if (!config.includeNotebooks()) {
			return null;
		}
		String path = item.hints().getOrDefault("path", item.itemId().substring(NOTEBOOK_PREFIX.length()));
		Workspace workspace = workspace(source);
		Optional<Export> export;
		try {
			export = this.workspaceObjects.export(workspace, path);
		}
		catch (DatabricksApiException ex) {
			throw new ItemException("Notebook " + path + " cannot be exported: " + ex.getMessage(), ex);
		}
		if (export.isEmpty()) {
			return null;
		}
		String language = item.hints().get("language");
		if (language == null || language.isBlank()) {
			language = NotebookText.languageOfFileType(export.get().fileType());
		}
		String name = path.substring(path.lastIndexOf('/') + 1);
		if (name.isEmpty()) {
			name = path;
		}
		String objectId = item.hints().get("object_id");
		String url = (objectId != null && !objectId.isBlank()) ? config.workspaceUrl() + "/#notebook/" + objectId
				: config.workspaceUrl() + "/#workspace" + path;
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("path", path);
		if (language != null) {
			metadata.put("language", language);
		}
		if (objectId != null) {
			metadata.put("object_id", objectId);
		}
		String text = NotebookText.markdown(name, path, language, export.get().source());
		return new SourceItem(item.itemId(), name, url, name + ".md", MARKDOWN, text.getBytes(StandardCharsets.UTF_8),
				millis(item.hints().get("created_at")), item.modifiedAt(), metadata, List.of());
	}

	private Workspace workspace(SourceContext<DatabricksConfig> source) {
		DatabricksConfig config = source.config();
		Map<String, String> credentials = source.credentials();
		if (DatabricksConfig.OAUTH_M2M.equals(config.auth())) {
			String clientId = credentials.get("client_id");
			String clientSecret = credentials.get("client_secret");
			if (isBlank(clientId) || isBlank(clientSecret)) {
				throw new SourceAuthenticationException(
						"This Databricks source uses OAuth machine-to-machine but has no "
								+ "credentials.client_id and credentials.client_secret.");
			}
			return new Workspace(config.workspaceUrl(),
					this.oauth.tokens(config.workspaceUrl(), clientId.strip(), clientSecret.strip()));
		}
		String token = credentials.get("token");
		if (isBlank(token)) {
			throw new SourceAuthenticationException(
					"This Databricks source uses a personal access token but has no credentials.token.");
		}
		return new Workspace(config.workspaceUrl(), AccessTokens.personal(token.strip()));
	}

	private String cursor(Set<String> present) {
		String cursor = ListingCursor.encode(present);
		if (cursor.length() > this.properties.maxCursorSize().toBytes()) {
			logger.info("The listing of {} Databricks items is too large to keep as a cursor ({} characters); "
					+ "the next incremental sync lists everything", present.size(), cursor.length());
			return null;
		}
		return cursor;
	}

	private static Listed listed(TableEntry table) {
		Map<String, String> hints = new LinkedHashMap<>();
		hints.put("catalog", table.catalog());
		hints.put("schema", table.schema());
		hints.put("table", table.name());
		ItemRef ref = new ItemRef(TABLE_PREFIX + table.fullName(), "Table: " + table.fullName(), table.lastAltered(),
				(table.lastAltered() != null) ? table.lastAltered().toString() : null, hints);
		String rejected = (table.columnCount() == 0) ? "Table " + table.fullName() + " has no columns." : null;
		return new Listed(ref, rejected);
	}

	private static Listed listed(Notebook notebook) {
		Map<String, String> hints = new LinkedHashMap<>();
		hints.put("path", notebook.path());
		if (notebook.objectId() != null) {
			hints.put("object_id", notebook.objectId());
		}
		if (notebook.language() != null) {
			hints.put("language", notebook.language());
		}
		if (notebook.createdAt() != null) {
			hints.put("created_at", Long.toString(notebook.createdAt().toEpochMilli()));
		}
		String name = notebook.path().substring(notebook.path().lastIndexOf('/') + 1);
		ItemRef ref = new ItemRef(NOTEBOOK_PREFIX + notebook.path(), name.isEmpty() ? notebook.path() : name,
				notebook.modifiedAt(),
				(notebook.modifiedAt() != null) ? Long.toString(notebook.modifiedAt().toEpochMilli()) : null, hints);
		return new Listed(ref, null);
	}

	private static List<ItemRef> refs(List<Listed> listed, Predicate<Listed> keep) {
		return listed.stream().filter((item) -> item.rejected() == null && keep.test(item)).map(Listed::ref).toList();
	}

	private static List<RejectedItem> rejected(List<Listed> listed, Predicate<Listed> keep) {
		return listed.stream()
			.filter((item) -> item.rejected() != null && keep.test(item))
			.map((item) -> new RejectedItem(item.ref().itemId(), item.rejected()))
			.toList();
	}

	private static String[] tableName(ItemRef item) {
		Map<String, String> hints = item.hints();
		if (!isBlank(hints.get("catalog")) && !isBlank(hints.get("schema")) && !isBlank(hints.get("table"))) {
			return new String[] { hints.get("catalog"), hints.get("schema"), hints.get("table") };
		}
		String[] parts = item.itemId().substring(TABLE_PREFIX.length()).split("\\.", 3);
		if (parts.length != 3 || isBlank(parts[0]) || isBlank(parts[1]) || isBlank(parts[2])) {
			throw new ItemException("'" + item.itemId() + "' does not name a table as catalog.schema.name.");
		}
		return parts;
	}

	private static List<String> notebookRoots(DatabricksConfig config) {
		if (config.notebookPaths().isEmpty()) {
			return List.of("/");
		}
		List<String> roots = new ArrayList<>();
		for (String path : config.notebookPaths()) {
			String root = path.startsWith("/") ? path : "/" + path;
			while (root.length() > 1 && root.endsWith("/")) {
				root = root.substring(0, root.length() - 1);
			}
			if (!roots.contains(root)) {
				roots.add(root);
			}
		}
		return roots;
	}

	/** Turns a refusal that concerns the whole source into the SPI's failures. */
	private static <T> T sourceLevel(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DatabricksApiException ex) {
			if (ex.permissionDenied()) {
				throw new SourceAuthenticationException(ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	private static Instant millis(String value) {
		if (isBlank(value)) {
			return null;
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private record Listed(ItemRef ref, String rejected) {
	}

}
