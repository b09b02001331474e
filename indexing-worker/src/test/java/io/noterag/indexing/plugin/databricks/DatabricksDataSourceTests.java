package io.noterag.indexing.plugin.databricks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

import io.noterag.indexing.testsupport.TestSourceContext;
import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabricksDataSourceTests {

	private static final Instant LONG_AGO = Instant.parse("2026-10-01T08:00:00Z");

	private static final String DAILY_ORDERS = """
			# Databricks notebook source
			# MAGIC %md
			# MAGIC # Daily orders
			# MAGIC Loads yesterday's orders from the landing zone into `main.sales.orders`.

			# COMMAND ----------

			from pyspark.sql import functions as F
			orders = spark.read.json("/Volumes/main/landing/orders")

			# COMMAND ----------

			# MAGIC %sql
			# MAGIC SELECT count(*) FROM main.sales.orders WHERE order_date = current_date() - 1
			""";

	private static final String REVENUE = """
			// Databricks notebook source
			// MAGIC %md Revenue per region, refreshed every Monday.

			// COMMAND ----------

			val revenue = spark.table("main.sales.orders").groupBy("region").sum("amount")
			display(revenue)
			""";

	private LocalDatabricksServer databricks;

	private MutableClock clock;

	private DatabricksDataSource plugin;

	@BeforeEach
	void startWorkspace() throws IOException {
		this.databricks = new LocalDatabricksServer();
		this.databricks
			.table("main", "sales", "orders", "MANAGED", "One row per order placed in the web shop.", LONG_AGO)
			.column("order_id", "bigint", false, "Unique order number.")
			.column("customer_id", "bigint", false, "The customer who ordered; see main.sales.customers.")
			.column("amount", "decimal(10,2)", true, "Total in euros, VAT included.")
			.column("region", "string", true, null);
		this.databricks.table("main", "sales", "customers", "MANAGED", null, LONG_AGO)
			.column("customer_id", "bigint", false, "Customer number.")
			.column("email", "string", true, "Contact address.");
		this.databricks.table("main", "sales", "empty_events", "EXTERNAL", "Landing table, not yet defined.", LONG_AGO);
		this.databricks.table("main", "hr", "employees", "VIEW", "Current employees.", LONG_AGO)
			.column("employee_id", "int", false, null);
		this.databricks.table("finance", "ledger", "entries", "MANAGED", "General ledger.", LONG_AGO)
			.column("entry_id", "bigint", false, null);
		this.databricks.table("system", "billing", "usage", "MANAGED", "Billable usage.", LONG_AGO)
			.column("usage_quantity", "decimal(38,18)", true, null);
		this.databricks.table("main", "information_schema", "tables", "VIEW", null, LONG_AGO)
			.column("table_name", "string", false, null);
		this.databricks.notebook("/Shared/etl/daily_orders", "PYTHON", LONG_AGO, DAILY_ORDERS);
		this.databricks.notebook("/Shared/reports/revenue", "SCALA", LONG_AGO, REVENUE);
		this.databricks.notebook("/Users/ana@example.com/scratch", "PYTHON", LONG_AGO, "print(1)\n");
		this.clock = new MutableClock();
		this.plugin = new DatabricksDataSource(properties(Duration.ofSeconds(5), Duration.ofSeconds(5)), this.clock);
	}

	@AfterEach
	void stopWorkspace() {
		this.databricks.close();
	}

	@Test
	void shouldListOneDocumentPerTableAndEveryNotebookAndRejectATableWithoutColumns() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::itemId)
			.containsExactly("table:finance.ledger.entries", "table:main.hr.employees", "table:main.sales.customers",
					"table:main.sales.orders", "notebook:/Shared/etl/daily_orders", "notebook:/Shared/reports/revenue",
					"notebook:/Users/ana@example.com/scratch");
		assertThat(changes.rejected()).containsExactly(
				new RejectedItem("table:main.sales.empty_events", "Table main.sales.empty_events has no columns."));
		assertThat(changes.complete()).isTrue();
		assertThat(changes.deletedItemIds()).isEmpty();
		assertThat(changes.nextCursor()).isNotBlank();
		ItemRef orders = changes.items().get(3);
		assertThat(orders.title()).isEqualTo("Table: main.sales.orders");
		assertThat(orders.modifiedAt()).isEqualTo(LONG_AGO);
		JsonNode request = this.databricks.statementRequests.get(0);
		assertThat(request.path("warehouse_id").asString()).isEqualTo(LocalDatabricksServer.WAREHOUSE);
		assertThat(request.path("disposition").asString()).isEqualTo("INLINE");
		assertThat(request.path("format").asString()).isEqualTo("JSON_ARRAY");
		assertThat(request.path("on_wait_timeout").asString()).isEqualTo("CONTINUE");
	}

	@Test
	void shouldPassConfiguredCatalogsAndSchemasAsParametersNeverInTheSqlText() {
		String hostile = "main') OR ('1'='1";
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("catalogs", List.of("main", hostile), "schemas",
				List.of("main.sales"), "include_notebooks", false)), FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::itemId)
			.containsExactly("table:main.sales.customers", "table:main.sales.orders");
		JsonNode request = this.databricks.statementRequests.get(0);
		String sql = request.path("statement").asString();
		assertThat(sql).doesNotContain("'main'").doesNotContain("'1'='1").doesNotContain("sales");
		Map<String, String> parameters = new HashMap<>();
		for (JsonNode parameter : request.path("parameters")) {
			parameters.put(parameter.path("name").asString(), parameter.path("value").asString());
			assertThat(parameter.path("type").asString()).isEqualTo("STRING");
			assertThat(sql).contains(":" + parameter.path("name").asString());
		}
		assertThat(parameters).containsEntry("catalog_0", "main")
			.containsEntry("catalog_1", hostile.toLowerCase())
			.containsEntry("schema_catalog_0", "main")
			.containsEntry("schema_0", "sales");
	}

	@Test
	void shouldWriteATableAsReadableMarkdownWithItsColumnsInOrdinalOrder() {
		SourceItem item = this.plugin.getDocument(source(Map.of()), ref("table:main.sales.orders"));

		assertThat(item.itemId()).isEqualTo("table:main.sales.orders");
		assertThat(item.title()).isEqualTo("Table: main.sales.orders");
		assertThat(item.mediaType()).isEqualTo("text/markdown");
		assertThat(item.url()).isEqualTo(this.databricks.url() + "/explore/data/main/sales/orders");
		assertThat(item.modifiedAt()).isEqualTo(LONG_AGO);
		String text = new String(item.content(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("# Table: main.sales.orders\n")
			.contains("Managed table `orders` in schema `sales` of catalog `main`, with 4 columns.")
			.contains("One row per order placed in the web shop.")
			.containsSubsequence("- Column `order_id`, type bigint, required: Unique order number.\n",
					"- Column `customer_id`, type bigint, required: The customer who ordered; see main.sales.customers.\n",
					"- Column `amount`, type decimal(10,2): Total in euros, VAT included.\n",
					"- Column `region`, type string (no comment)\n");
		assertThat(item.metadata()).containsEntry("catalog", "main")
			.containsEntry("schema", "sales")
			.containsEntry("table_type", "MANAGED");
		assertThat((List<?>) item.metadata().get("columns")).hasSize(4)
			.first()
			.isEqualTo(
					Map.of("name", "order_id", "type", "bigint", "nullable", false, "comment", "Unique order number."));
		JsonNode describe = this.databricks.statementRequests.get(0);
		assertThat(describe.path("statement").asString()).doesNotContain("orders");
	}

	@Test
	void shouldFailATableWithoutColumnsAsOneItem() {
		assertThatThrownBy(() -> this.plugin.getDocument(source(Map.of()), ref("table:main.sales.empty_events")))
			.isInstanceOf(ItemException.class)
			.hasMessage("Table main.sales.empty_events has no columns.");
	}

	@Test
	void shouldAnswerNullForATableDroppedSinceItWasListed() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);
		this.databricks.drop("main.hr.employees");

		ItemRef employees = changes.items()
			.stream()
			.filter((i) -> i.itemId().equals("table:main.hr.employees"))
			.findFirst()
			.orElseThrow();
		assertThat(this.plugin.getDocument(source(Map.of()), employees)).isNull();
	}

	@Test
	void shouldPollAStatementThatDoesNotFinishWithinTheWait() {
		this.databricks.pendingPolls = 3;

		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("include_notebooks", false)), FetchFilters.NONE,
				null);

		assertThat(changes.items()).hasSize(4);
		assertThat(this.databricks.polls.get()).isEqualTo(4);
	}

	@Test
	void shouldReadEveryChunkOfAResult() {
		this.databricks.chunkSize = 2;

		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("include_notebooks", false)), FetchFilters.NONE,
				null);

		assertThat(changes.items()).hasSize(4);
		assertThat(changes.rejected()).hasSize(1);
		assertThat(this.databricks.chunkRequests.get()).isEqualTo(2);
	}

	@Test
	void shouldReportAFailedStatementWithTheWarehousesMessage() {
		this.databricks
			.failNextStatement("[INSUFFICIENT_PERMISSIONS] User does not have USE CATALOG on Catalog 'main'.");

		assertThatThrownBy(() -> this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("User does not have USE CATALOG on Catalog 'main'");

		this.databricks.failNextStatement("[TABLE_OR_VIEW_NOT_FOUND] The table cannot be found.");
		assertThatThrownBy(() -> this.plugin.getDocument(source(Map.of()), ref("table:main.sales.orders")))
			.isInstanceOf(ItemException.class)
			.hasMessageContaining("Table main.sales.orders cannot be read")
			.hasMessageContaining("The table cannot be found.");
	}

	@Test
	void shouldCancelAStatementThatOutlivesTheTimeout() {
		this.databricks.neverFinish = true;
		DatabricksDataSource impatient = new DatabricksDataSource(
				properties(Duration.ofMillis(300), Duration.ofSeconds(5)), this.clock);

		assertThatThrownBy(() -> impatient.fetchDocuments(source(Map.of()), FetchFilters.NONE, null))
			.isInstanceOf(SourceUnavailableException.class)
			.hasMessageContaining("did not finish within");
		assertThat(this.databricks.canceled).hasSize(1);
	}

	@Test
	void shouldWriteANotebookAsMarkdownWithItsCellsAndLanguage() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("include_tables", false)), FetchFilters.NONE,
				null);
		ItemRef daily = changes.items().get(0);

		SourceItem item = this.plugin.getDocument(source(Map.of("include_tables", false)), daily);

		assertThat(item.itemId()).isEqualTo("notebook:/Shared/etl/daily_orders");
		assertThat(item.title()).isEqualTo("daily_orders");
		assertThat(item.mediaType()).isEqualTo("text/markdown");
		assertThat(item.url()).isEqualTo(this.databricks.url() + "/#notebook/" + daily.hints().get("object_id"));
		assertThat(item.modifiedAt()).isEqualTo(LONG_AGO);
		assertThat(item.metadata()).containsEntry("path", "/Shared/etl/daily_orders")
			.containsEntry("language", "PYTHON");
		String text = new String(item.content(), StandardCharsets.UTF_8);
		assertThat(text)
			.startsWith("# daily_orders\n\nDatabricks notebook `/Shared/etl/daily_orders`, written in Python.\n")
			.containsSubsequence(
					"# Daily orders\nLoads yesterday's orders from the landing zone into `main.sales.orders`.\n",
					"```python\nfrom pyspark.sql import functions as F\n",
					"```sql\nSELECT count(*) FROM main.sales.orders WHERE order_date = current_date() - 1\n```")
			.doesNotContain("MAGIC")
			.doesNotContain("COMMAND ----------")
			.doesNotContain("Databricks notebook source");

		SourceItem revenue = this.plugin.getDocument(source(Map.of("include_tables", false)), changes.items().get(1));
		assertThat(new String(revenue.content(), StandardCharsets.UTF_8)).contains("written in Scala.")
			.contains("\nRevenue per region, refreshed every Monday.\n")
			.contains("```scala\nval revenue = spark.table(\"main.sales.orders\")")
			.doesNotContain("//");
	}

	@Test
	void shouldListNotebooksOnlyUnderTheConfiguredFoldersAndTreatAMissingOneAsEmpty() {
		ChangeSet changes = this.plugin.fetchDocuments(
				source(Map.of("include_tables", false, "notebook_paths", List.of("/Shared/", "/Repos/nobody"))),
				FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::itemId)
			.containsExactly("notebook:/Shared/etl/daily_orders", "notebook:/Shared/reports/revenue");
		assertThat(changes.complete()).isTrue();
		assertThat(this.databricks.requests).contains("GET /api/2.0/workspace/list");
	}

	@Test
	void shouldAnswerNullForANotebookDeletedSinceItWasListed() {
		this.databricks.deleteNotebook("/Users/ana@example.com/scratch");

		assertThat(this.plugin.getDocument(source(Map.of()), ref("notebook:/Users/ana@example.com/scratch"))).isNull();
	}

	@Test
	void shouldFailANotebookThatMayNotBeExportedAsOneItem() {
		this.databricks.denyExport("/Shared/reports/revenue");

		assertThatThrownBy(() -> this.plugin.getDocument(source(Map.of()), ref("notebook:/Shared/reports/revenue")))
			.isInstanceOf(ItemException.class)
			.hasMessageContaining("Notebook /Shared/reports/revenue cannot be exported")
			.hasMessageContaining("PERMISSION_DENIED");
		assertThat(this.plugin.getDocument(source(Map.of()), ref("notebook:/Shared/etl/daily_orders"))).isNotNull();
	}

	@Test
	void shouldListOnlyChangesAndDeletionsWhenTheLastListingIsKnown() {
		TestSourceContext<DatabricksConfig> first = source(Map.of());
		ChangeSet full = this.plugin.fetchDocuments(first, FetchFilters.NONE, null);
		Instant lastSync = Instant.now().minusSeconds(60);
		this.databricks.alter("main.sales.customers", Instant.now());
		this.databricks.drop("main.hr.employees");
		this.databricks.deleteNotebook("/Shared/reports/revenue");
		// moved notebooks keep their modification time
		this.databricks.notebook("/Shared/reports/revenue_2026", "SCALA", LONG_AGO, REVENUE);

		ChangeSet changes = this.plugin.fetchDocuments(first.nextSync(full.nextCursor()), FetchFilters.NONE, lastSync);

		assertThat(changes.complete()).isFalse();
		assertThat(changes.items()).extracting(ItemRef::itemId)
			.containsExactlyInAnyOrder("table:main.sales.customers", "notebook:/Shared/reports/revenue_2026");
		assertThat(changes.deletedItemIds()).containsExactly("notebook:/Shared/reports/revenue",
				"table:main.hr.employees");
		assertThat(changes.rejected()).isEmpty();
		assertThat(changes.nextCursor()).isNotEqualTo(full.nextCursor());
	}

	@Test
	void shouldListEverythingForAnIncrementalSyncWithoutAUsableCursor() {
		ChangeSet noCursor = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, Instant.now());
		ChangeSet foreignCursor = this.plugin.fetchDocuments(source(Map.of()).nextSync("https://delta.example/x"),
				FetchFilters.NONE, Instant.now());

		assertThat(noCursor.complete()).isTrue();
		assertThat(noCursor.items()).hasSize(7);
		assertThat(noCursor.rejected()).hasSize(1);
		assertThat(foreignCursor.complete()).isTrue();
		assertThat(foreignCursor.items()).hasSize(7);
	}

	@Test
	void shouldLeaveNoCursorWhenTheListingIsTooLargeToKeep() {
		DatabricksProperties defaults = properties(Duration.ofSeconds(5), Duration.ofSeconds(5));
		DatabricksDataSource small = new DatabricksDataSource(
				new DatabricksProperties(defaults.connectTimeout(), defaults.readTimeout(),
						defaults.statementWaitTimeout(), defaults.pollInterval(), defaults.statementTimeout(),
						defaults.maxThrottleWait(), defaults.modifiedSlack(), DataSize.ofBytes(16)),
				this.clock);

		assertThat(small.fetchDocuments(source(Map.of()), FetchFilters.NONE, null).nextCursor()).isNull();
	}

	@Test
	void shouldAuthenticateWithAPersonalAccessToken() {
		this.plugin.authenticate(source(Map.of()));

		assertThat(this.databricks.requests).contains("GET /api/2.0/preview/scim/v2/Me",
				"GET /api/2.0/sql/warehouses/" + LocalDatabricksServer.WAREHOUSE, "GET /api/2.0/workspace/get-status");
	}

	@Test
	void shouldRefuseAWrongTokenWithoutRevealingIt() {
		String wrong = "dapi-revoked-0000000000000000";
		TestSourceContext<DatabricksConfig> source = TestSourceContext.of(DatabricksConfig.parse(config(Map.of())),
				Map.of("token", wrong));

		assertThatThrownBy(() -> this.plugin.authenticate(source)).isInstanceOf(SourceAuthenticationException.class)
			.hasMessageContaining("HTTP 401")
			.hasMessageContaining("Invalid access token.")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(wrong));
		assertThatThrownBy(() -> this.plugin.fetchDocuments(source, FetchFilters.NONE, null))
			.isInstanceOf(SourceAuthenticationException.class);
	}

	@Test
	void shouldSayWhichCredentialIsMissing() {
		TestSourceContext<DatabricksConfig> source = TestSourceContext.of(DatabricksConfig.parse(config(Map.of())),
				Map.of());

		assertThatThrownBy(() -> this.plugin.authenticate(source)).isInstanceOf(SourceAuthenticationException.class)
			.hasMessageContaining("credentials.token");
	}

	@Test
	void shouldReportAMissingWarehouseAndAMissingFolderWhenTested() {
		assertThatThrownBy(() -> this.plugin.authenticate(source(Map.of("warehouse_id", "0000000000000000"))))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("SQL warehouse '0000000000000000' does not exist");
		assertThatThrownBy(() -> this.plugin.authenticate(source(Map.of("notebook_paths", List.of("/Shared", "/Old")))))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("Workspace folder '/Old' does not exist");
	}

	@Test
	void shouldUseOneOAuthTokenUntilItExpires() {
		TestSourceContext<DatabricksConfig> source = TestSourceContext
			.of(DatabricksConfig.parse(config(Map.of("auth", "oauth-m2m"))), Map.of("client_id",
					LocalDatabricksServer.CLIENT_ID, "client_secret", LocalDatabricksServer.CLIENT_SECRET));

		this.plugin.authenticate(source);
		this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		assertThat(this.databricks.tokenRequests.get()).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(59).plusSeconds(1));
		this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		assertThat(this.databricks.tokenRequests.get()).isEqualTo(2);
	}

	@Test
	void shouldAskForANewOAuthTokenWhenTheWorkspaceRefusesTheCachedOne() {
		TestSourceContext<DatabricksConfig> source = TestSourceContext
			.of(DatabricksConfig.parse(config(Map.of("auth", "oauth-m2m"))), Map.of("client_id",
					LocalDatabricksServer.CLIENT_ID, "client_secret", LocalDatabricksServer.CLIENT_SECRET));
		this.plugin.authenticate(source);
		this.databricks.revokeOAuthTokens();

		this.plugin.authenticate(source);

		assertThat(this.databricks.tokenRequests.get()).isEqualTo(2);
	}

	@Test
	void shouldRefuseWrongOAuthClientCredentialsWithoutRevealingTheSecret() {
		String secret = "dose-wrong-secret-value";
		TestSourceContext<DatabricksConfig> source = TestSourceContext.of(
				DatabricksConfig.parse(config(Map.of("auth", "oauth-m2m"))),
				Map.of("client_id", LocalDatabricksServer.CLIENT_ID, "client_secret", secret));

		assertThatThrownBy(() -> this.plugin.authenticate(source)).isInstanceOf(SourceAuthenticationException.class)
			.hasMessageContaining("invalid_client")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(secret));
	}

	@Test
	void shouldWaitOutAShortThrottle() {
		this.databricks.throttle(1, "1");
		long started = System.nanoTime();

		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		assertThat(changes.items()).hasSize(7);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void shouldRetryAServiceUnavailableAnswerWithoutRetryAfter() {
		this.databricks.unavailable(1);

		this.plugin.authenticate(source(Map.of()));

		assertThat(this.databricks.requests.stream().filter((r) -> r.equals("GET /api/2.0/preview/scim/v2/Me")))
			.hasSize(2);
	}

	@Test
	void shouldReportALongThrottleWithTheWaitTheWorkspaceAskedFor() {
		this.databricks.throttle(1, "120");

		assertThatThrownBy(() -> this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null))
			.isInstanceOfSatisfying(SourceThrottledException.class,
					(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThat(this.databricks.statementRequests).isEmpty();
	}

	@Test
	void shouldReportAnUnreachableWorkspaceAsUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Map<String, Object> config = new HashMap<>(config(Map.of()));
		config.put("workspace_url", "http://127.0.0.1:" + closedPort);
		TestSourceContext<DatabricksConfig> source = TestSourceContext.of(DatabricksConfig.parse(config),
				Map.of("token", LocalDatabricksServer.TOKEN));

		assertThatThrownBy(() -> this.plugin.authenticate(source)).isInstanceOf(SourceUnavailableException.class)
			.hasMessageContaining("cannot be reached")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(LocalDatabricksServer.TOKEN));
	}

	@Test
	void shouldSearchTablesByNameAndComment() {
		List<ItemRef> found = this.plugin.search(source(Map.of()), "orders", 10);
		List<ItemRef> byComment = this.plugin.search(source(Map.of()), "Ledger", 10);

		assertThat(found).extracting(ItemRef::itemId).containsExactly("table:main.sales.orders");
		assertThat(byComment).extracting(ItemRef::itemId).containsExactly("table:finance.ledger.entries");
		assertThat(this.plugin.capabilities()).contains(PluginCapability.SEARCH, PluginCapability.INCREMENTAL_SYNC,
				PluginCapability.DELETIONS);
	}

	private TestSourceContext<DatabricksConfig> source(Map<String, Object> overrides) {
		return TestSourceContext.of(DatabricksConfig.parse(config(overrides)),
				Map.of("token", LocalDatabricksServer.TOKEN));
	}

	private Map<String, Object> config(Map<String, Object> overrides) {
		Map<String, Object> config = new HashMap<>();
		config.put("workspace_url", this.databricks.url());
		config.put("warehouse_id", LocalDatabricksServer.WAREHOUSE);
		config.putAll(overrides);
		return config;
	}

	private static ItemRef ref(String id) {
		return new ItemRef(id, null, null, null, Map.of());
	}

	private static DatabricksProperties properties(Duration statementTimeout, Duration maxThrottleWait) {
		return new DatabricksProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO,
				Duration.ofMillis(10), statementTimeout, maxThrottleWait, Duration.ofMinutes(10),
				DataSize.ofKilobytes(512));
	}

}
