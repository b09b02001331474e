package io.noterag.shared.source.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Databricks workspace: tables (one document per table: columns, types, comments) read
 * through the SQL Statement Execution API on a SQL warehouse, and notebooks read through
 * the Workspace export API. Credentials: {@code token} (personal access token) or
 * {@code client_id} and {@code client_secret} (OAuth machine-to-machine).
 *
 * @param workspaceUrl the workspace's URL ({@code https://adb-123.4.azuredatabricks.net})
 * @param auth {@code pat} or {@code oauth-m2m}
 * @param warehouseId the SQL warehouse that runs the metadata queries (needed for tables)
 * @param catalogs only these catalogs; all visible ones when empty
 * @param schemas only these schemas ({@code catalog.schema} or {@code schema}); all when
 * empty
 * @param includeTables whether tables are indexed
 * @param includeNotebooks whether notebooks are indexed
 * @param notebookPaths the workspace folders whose notebooks are indexed ({@code /Users},
 * {@code /Shared}); {@code /} when empty
 */
public record DatabricksConfig(String workspaceUrl, String auth, String warehouseId, List<String> catalogs,
		List<String> schemas, boolean includeTables, boolean includeNotebooks, List<String> notebookPaths) {

	public static final String PAT = "pat";

	public static final String OAUTH_M2M = "oauth-m2m";

	private static final Set<String> NAMES = Set.of("workspace_url", "auth", "warehouse_id", "catalogs", "schemas",
			"include_tables", "include_notebooks", "notebook_paths");

	public static DatabricksConfig parse(Map<String, Object> config) {
		ConfigValues values = ConfigValues.of(config, NAMES);
		String workspaceUrl = values.url("workspace_url", null);
		if (workspaceUrl == null) {
			throw ConfigValues.invalid("workspace_url", "is required");
		}
		boolean tables = values.flag("include_tables", true);
		boolean notebooks = values.flag("include_notebooks", true);
		String warehouseId = values.text("warehouse_id", null);
		if (tables && warehouseId == null) {
			throw ConfigValues.invalid("warehouse_id", "is required to index tables (or set include_tables to false)");
		}
		if (!tables && !notebooks) {
			throw ConfigValues.invalid("include_tables", "and 'config.include_notebooks' cannot both be false");
		}
		return new DatabricksConfig(workspaceUrl, values.choice("auth", PAT, Set.of(PAT, OAUTH_M2M)), warehouseId,
				values.texts("catalogs"), values.texts("schemas"), tables, notebooks, values.texts("notebook_paths"));
	}

}
