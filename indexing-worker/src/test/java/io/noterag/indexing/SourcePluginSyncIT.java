package io.noterag.indexing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.noterag.indexing.catalog.LocalMultimodalService;
import io.noterag.indexing.plugin.databricks.LocalDatabricksServer;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer;
import io.noterag.indexing.plugin.onenote.LocalOneNote;
import io.noterag.indexing.plugin.onenote.LocalOneNote.Page;
import io.noterag.indexing.plugin.onenote.LocalOneNote.Section;
import io.noterag.indexing.plugin.sharepoint.LocalSharePoint;
import io.noterag.indexing.plugin.sharepoint.LocalSharePoint.Drive;
import io.noterag.indexing.plugin.sharepoint.LocalSharePoint.Item;
import io.noterag.indexing.testsupport.StubDocumentService;
import io.noterag.indexing.testsupport.SyncRequests;
import io.noterag.indexing.testsupport.TestDocuments;
import io.noterag.indexing.testsupport.WorkerTestProperties;
import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OneNote, SharePoint and Databricks plugins through the whole worker, syncing
 * sources served by the local stand-ins of Microsoft Graph (with the identity platform)
 * and of a Databricks workspace: real RabbitMQ (this run's virtual host), a Lucene index
 * in a temporary folder, the real embedding model, the stub of document-service's
 * internal API and a multimodal-service that keeps the images it is given. Each source is
 * synced three times, as document-service asks for incremental syncs: everything, then
 * after an item changed at the source, then after one was deleted there.
 * <p>
 * The context is closed after this class, so that its listeners never take the messages
 * of another worker test's context on the same virtual host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@DirtiesContext
class SourcePluginSyncIT {

	private static final StubDocumentService documentService = StubDocumentService.start();

	private static final LocalMultimodalService multimodal = LocalMultimodalService.start();

	private static final LocalGraphServer graph = LocalGraphServer.start();

	/** The sources this class registered: theirs are the only documents of the index. */
	private static final Set<UUID> sources = ConcurrentHashMap.newKeySet();

	private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

	private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	@TempDir
	static Path temp;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private VectorStore vectorStore;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		WorkerTestProperties.register(registry, documentService, multimodal, temp);
		registry.add("noterag.sources.microsoft.authority-url", graph::baseUrl);
		registry.add("noterag.sources.microsoft.tenant-id", () -> LocalGraphServer.TENANT_ID);
		registry.add("noterag.sources.microsoft.client-id", () -> LocalGraphServer.CLIENT_ID);
		registry.add("noterag.sources.microsoft.client-secret", () -> LocalGraphServer.CLIENT_SECRET);
		registry.add("noterag.sources.microsoft.graph-url", graph::graphUrl);
		registry.add("noterag.sources.databricks.poll-interval", () -> "20ms");
	}

	@AfterAll
	static void stopStandIns() {
		graph.close();
		multimodal.close();
		documentService.close();
	}

	@Test
	void shouldIndexEveryOneNotePageThenAnEditedPageOnceThenForgetADeletedPageWithItsImages() {
		Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS);
		LocalOneNote onenote = new LocalOneNote(graph, "/me/onenote", 2);
		LocalOneNote.Container work = onenote.notebook("Work");
		Section meetings = onenote.section(work, "Meetings");
		Page kickoff = onenote.page(meetings, "Kickoff", lastWeek,
				"<h1>Project goals</h1><p>The kickoff agreed to launch the billing pipeline at the end of March.</p>");
		Page retro = onenote.page(meetings, "Retro", lastWeek.plusSeconds(60),
				"<p>The retro praised the on-call handover of the storage team.</p>");
		Page standup = onenote.page(meetings, "Standup", lastWeek.plusSeconds(120),
				"<p>The standup moved the weekly demo to Thursday afternoon.</p>");
		Section runbooks = onenote.section(onenote.group(work, "Operations"), "Runbooks");
		byte[] diagram = png(Color.BLUE);
		Page racks = onenote.page(runbooks, "Rack layout", lastWeek,
				"<p>The Frankfurt cluster stands in twelve racks of hall C, cooled from the floor.</p>"
						+ onenote.image("image/png", diagram, "Rack diagram of the Frankfurt cluster"));
		UUID sourceId = documentService.addSourceOfType("onenote", Map.of("scope", "me", "include_images", true));
		graph.acceptRefreshToken("M.R3_BAY.alex-onenote", null);
		documentService.source(sourceId).put("credentials", Map.of("refresh_token", "M.R3_BAY.alex-onenote"));

		StubDocumentService.Job first = sync(sourceId, "onenote");

		assertThat(first.state()).as(first.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(first)).containsExactly(4, 4, 0, 0, 0);
		assertThat(documentService.documentsOf(sourceId)).hasSize(4);
		assertThat(documentService.document(documentId(sourceId, kickoff.id))).containsEntry("title", "Kickoff")
			.containsEntry("source_type", "onenote")
			.containsEntry("source_id", kickoff.id)
			.containsEntry("url", onenote.webUrl(kickoff));
		assertThat(search(sourceId, "Frankfurt cluster racks hall")).first()
			.satisfies((hit) -> assertThat(hit.chunk().documentId()).isEqualTo(documentId(sourceId, racks.id)));
		assertThat(multimodal.imagesOf(documentId(sourceId, racks.id))).singleElement().satisfies((image) -> {
			assertThat(image.content()).isEqualTo(diagram);
			assertThat(image.mediaType()).isEqualTo("image/png");
			assertThat(image.altText()).isEqualTo("Rack diagram of the Frankfurt cluster");
			assertThat(image.dataSourceId()).isEqualTo(sourceId.toString());
		});
		assertChunksMatchTheDocuments(sourceId);
		Map<String, Object> retroBefore = new LinkedHashMap<>(documentService.document(documentId(sourceId, retro.id)));

		onenote.edit(kickoff, Instant.now(),
				"<h1>Project goals</h1><p>The kickoff moved the launch of the billing pipeline to the middle of May.</p>");
		int pageReadsBefore = pageReads().size();

		StubDocumentService.Job second = sync(sourceId, "onenote");

		assertThat(second.state()).as(second.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(second)).containsExactly(1, 1, 0, 0, 0);
		assertThat(second.items()).containsOnlyKeys(kickoff.id);
		assertThat(pageReads().subList(pageReadsBefore, pageReads().size())).as("only the edited page is read, once")
			.containsExactly(kickoff.id);
		assertThat(search(sourceId, "launch of the billing pipeline")).first().satisfies((hit) -> {
			assertThat(hit.chunk().documentId()).isEqualTo(documentId(sourceId, kickoff.id));
			assertThat(hit.chunk().text()).contains("middle of May").doesNotContain("end of March");
		});
		assertThat(chunksOf(sourceId, kickoff.id)).extracting(ChunkRecord::text)
			.noneMatch((text) -> text.contains("March"));
		assertThat(documentService.document(documentId(sourceId, retro.id))).as("an unchanged page is left alone")
			.isEqualTo(retroBefore);
		assertChunksMatchTheDocuments(sourceId);

		onenote.delete(racks);

		StubDocumentService.Job third = sync(sourceId, "onenote");

		assertThat(third.state()).as(third.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(third)).containsExactly(0, 0, 0, 1, 0);
		assertThat(third.items()).containsOnlyKeys(racks.id);
		assertThat(chunksOf(sourceId, racks.id)).isEmpty();
		assertThat(search(sourceId, "Frankfurt cluster twelve racks hall")).isEmpty();
		assertThat(documentService.document(documentId(sourceId, racks.id))).isNull();
		assertThat(multimodal.imagesOf(documentId(sourceId, racks.id))).isEmpty();
		assertThat(documentService.documentsOf(sourceId)).extracting((document) -> document.get("source_id"))
			.containsExactlyInAnyOrder(kickoff.id, retro.id, standup.id);
		assertChunksMatchTheDocuments(sourceId);
	}

	@Test
	void shouldIndexEverySharePointFileThenFollowTheDeltaLinkToAChangedFileAndADeletedOne() {
		LocalSharePoint sharepoint = new LocalSharePoint(graph, 2);
		Drive documents = sharepoint.drive("Documents", "Shared%20Documents");
		Item policies = sharepoint.folder(documents, null, "Policies");
		Item handbook = sharepoint.file(documents, policies, "Handbook.docx", DOCX,
				TestDocuments.docx("Employee handbook", "Leave",
						List.of("Employees take twenty-five days of paid leave a year."), List.of()));
		Item travel = sharepoint.file(documents, policies, "Travel policy.pdf", "application/pdf",
				TestDocuments.pdf("Travel policy",
						List.of("Train journeys under four hours are booked in second class.",
								"Flights need the approval of a director.")));
		Item readme = sharepoint.file(documents, null, "README.md", "text/markdown",
				TestDocuments.text("# Policies library\n\nThis library holds the signed policies of Contoso.\n"));
		Drive archive = sharepoint.drive("Archive", "Archive");
		Item review = sharepoint.file(archive, null, "Security review 2019.txt", "text/plain",
				TestDocuments.text("The 2019 security review found three expired certificates on the mail relay.\n"));
		UUID sourceId = documentService.addSourceOfType("sharepoint", Map.of("site_id", LocalSharePoint.SITE));

		StubDocumentService.Job first = sync(sourceId, "sharepoint");

		assertThat(first.state()).as(first.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(first)).containsExactly(4, 4, 0, 0, 0);
		assertThat(documentService.documentsOf(sourceId)).extracting((document) -> document.get("source_id"))
			.containsExactlyInAnyOrder(itemId(documents, handbook), itemId(documents, travel),
					itemId(documents, readme), itemId(archive, review));
		assertThat(documentService.document(documentId(sourceId, itemId(documents, handbook))))
			.containsEntry("title", "Employee handbook")
			.containsEntry("url",
					"https://contoso.sharepoint.com/sites/Policies/Shared%20Documents/Policies/Handbook.docx");
		assertThat(search(sourceId, "train journeys second class")).first()
			.satisfies((hit) -> assertThat(hit.chunk().documentId())
				.isEqualTo(documentId(sourceId, itemId(documents, travel))));
		assertChunksMatchTheDocuments(sourceId);
		Map<String, Object> readmeBefore = new LinkedHashMap<>(
				documentService.document(documentId(sourceId, itemId(documents, readme))));

		sharepoint.change(handbook, TestDocuments.docx("Employee handbook", "Leave",
				List.of("Employees take thirty days of paid leave a year."), List.of()));
		int deltasBefore = deltaRequests(documents).size();

		StubDocumentService.Job second = sync(sourceId, "sharepoint");

		assertThat(second.state()).as(second.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(second)).containsExactly(1, 1, 0, 0, 0);
		assertThat(second.items()).containsOnlyKeys(itemId(documents, handbook));
		assertThat(deltaRequests(documents).subList(deltasBefore, deltaRequests(documents).size()))
			.as("the library's delta link from the first sync")
			.first()
			.satisfies((request) -> assertThat(request.rawQuery()).startsWith("token="));
		assertThat(search(sourceId, "days of paid leave")).first().satisfies((hit) -> {
			assertThat(hit.chunk().documentId()).isEqualTo(documentId(sourceId, itemId(documents, handbook)));
			assertThat(hit.chunk().text()).contains("thirty days");
		});
		assertThat(search(sourceId, "twenty-five")).isEmpty();
		assertThat(documentService.document(documentId(sourceId, itemId(documents, readme)))).isEqualTo(readmeBefore);
		assertChunksMatchTheDocuments(sourceId);

		sharepoint.delete(travel);

		StubDocumentService.Job third = sync(sourceId, "sharepoint");

		assertThat(third.state()).as(third.failures().toString()).isEqualTo("succeeded");
		assertThat(counts(third)).containsExactly(0, 0, 0, 1, 0);
		assertThat(third.items()).containsOnlyKeys(itemId(documents, travel));
		assertThat(chunksOf(sourceId, itemId(documents, travel))).isEmpty();
		assertThat(search(sourceId, "train journeys second class flights director")).isEmpty();
		assertThat(documentService.document(documentId(sourceId, itemId(documents, travel)))).isNull();
		assertThat(documentService.documentsOf(sourceId)).extracting((document) -> document.get("source_id"))
			.containsExactlyInAnyOrder(itemId(documents, handbook), itemId(documents, readme), itemId(archive, review));
		assertChunksMatchTheDocuments(sourceId);
	}

	@Test
	void shouldIndexDatabricksTablesAndNotebooksThenAnAlteredTableOnceAndForgetADroppedOne() throws IOException {
		Instant lastMonth = Instant.now().minus(30, ChronoUnit.DAYS);
		try (LocalDatabricksServer databricks = new LocalDatabricksServer()) {
			LocalDatabricksServer.Table orders = databricks
				.table("main", "sales", "orders", "MANAGED", "One row per order placed in the web shop.", lastMonth)
				.column("order_id", "bigint", false, "Unique order number.")
				.column("amount", "decimal(10,2)", true, "Total in euros, VAT included.");
			databricks.table("main", "sales", "customers", "MANAGED", "The customers of the web shop.", lastMonth)
				.column("customer_id", "bigint", false, "Customer number.")
				.column("email", "string", true, "Contact address for invoices.");
			databricks
				.table("main", "hr", "employees", "MANAGED", "Current employees and their access badges.", lastMonth)
				.column("employee_id", "int", false, null)
				.column("badge_number", "string", false, "The number printed on the employee's access badge.");
			databricks.notebook("/Shared/etl/daily_orders", "PYTHON", lastMonth, """
					# Databricks notebook source
					# MAGIC %md
					# MAGIC # Daily orders
					# MAGIC Loads yesterday's orders from the landing zone into `main.sales.orders`.

					# COMMAND ----------

					orders = spark.read.json("/Volumes/main/landing/orders")
					""");
			UUID sourceId = documentService.addSourceOfType("databricks", Map.of("workspace_url", databricks.url(),
					"auth", "pat", "warehouse_id", LocalDatabricksServer.WAREHOUSE));
			documentService.source(sourceId).put("credentials", Map.of("token", LocalDatabricksServer.TOKEN));

			StubDocumentService.Job first = sync(sourceId, "databricks");

			assertThat(first.state()).as(first.failures().toString()).isEqualTo("succeeded");
			assertThat(counts(first)).containsExactly(4, 4, 0, 0, 0);
			assertThat(documentService.documentsOf(sourceId)).extracting((document) -> document.get("source_id"))
				.containsExactlyInAnyOrder("table:main.sales.orders", "table:main.sales.customers",
						"table:main.hr.employees", "notebook:/Shared/etl/daily_orders");
			assertThat(search(sourceId, "access badge number")).first()
				.satisfies((hit) -> assertThat(hit.chunk().documentId())
					.isEqualTo(documentId(sourceId, "table:main.hr.employees")));
			assertThat(search(sourceId, "landing zone yesterday orders")).first()
				.satisfies((hit) -> assertThat(hit.chunk().documentId())
					.isEqualTo(documentId(sourceId, "notebook:/Shared/etl/daily_orders")));
			assertChunksMatchTheDocuments(sourceId);
			Map<String, Object> customersBefore = new LinkedHashMap<>(
					documentService.document(documentId(sourceId, "table:main.sales.customers")));

			orders.column("currency", "string", true, "ISO 4217 code of the currency the amount is in.");
			databricks.alter("main.sales.orders", Instant.now().plusSeconds(1));
			databricks.drop("main.hr.employees");

			StubDocumentService.Job second = sync(sourceId, "databricks");

			assertThat(second.state()).as(second.failures().toString()).isEqualTo("succeeded");
			assertThat(counts(second)).containsExactly(1, 1, 0, 1, 0);
			assertThat(second.items()).containsOnlyKeys("table:main.sales.orders", "table:main.hr.employees");
			assertThat(second.items().get("table:main.sales.orders")).containsEntry("outcome", "indexed");
			assertThat(search(sourceId, "ISO 4217 currency code")).first().satisfies((hit) -> {
				assertThat(hit.chunk().documentId()).isEqualTo(documentId(sourceId, "table:main.sales.orders"));
				assertThat(hit.chunk().text()).contains("currency");
			});
			assertThat(chunksOf(sourceId, "table:main.hr.employees")).isEmpty();
			assertThat(search(sourceId, "badge badges")).isEmpty();
			assertThat(documentService.document(documentId(sourceId, "table:main.hr.employees"))).isNull();
			assertThat(documentService.document(documentId(sourceId, "table:main.sales.customers")))
				.isEqualTo(customersBefore);
			assertThat(documentService.documentsOf(sourceId)).hasSize(3);
			assertChunksMatchTheDocuments(sourceId);
		}
	}

	private StubDocumentService.Job sync(UUID sourceId, String type) {
		sources.add(sourceId);
		UUID jobId = documentService.addJob(sourceId);
		SyncRequests.publish(this.rabbit, jobId, sourceId, type, null);
		await().atMost(JOB_TIMEOUT).until(() -> documentService.job(jobId).isFinished());
		return documentService.job(jobId);
	}

	/** Every recorded document has exactly its recorded chunks in the index, no more. */
	private void assertChunksMatchTheDocuments(UUID sourceId) {
		long total = 0;
		for (Map<String, Object> document : documentService.documentsOf(sourceId)) {
			int recorded = ((Number) document.get("chunk_count")).intValue();
			assertThat(recorded).isPositive();
			assertThat(this.vectorStore.chunksOf((String) document.get("id"), everything(sourceId)))
				.as("chunks of %s", document.get("source_id"))
				.hasSize(recorded);
			total += recorded;
		}
		long everyDocument = 0;
		for (UUID source : sources) {
			everyDocument += documentService.documentsOf(source)
				.stream()
				.mapToInt((document) -> ((Number) document.get("chunk_count")).intValue())
				.sum();
		}
		assertThat(this.vectorStore.count()).as("no chunk in the index beyond the documents'").isEqualTo(everyDocument);
	}

	private List<ChunkRecord> chunksOf(UUID sourceId, String itemId) {
		return this.vectorStore.chunksOf(documentId(sourceId, itemId), everything(sourceId));
	}

	private List<ScoredChunk> search(UUID sourceId, String text) {
		return this.vectorStore.keywordSearch(text, 10, everything(sourceId));
	}

	/** The pages whose content was read, in order. */
	private static List<String> pageReads() {
		return graph.requests()
			.stream()
			.map(LocalGraphServer.Recorded::path)
			.filter((path) -> path.contains("/onenote/pages/") && path.endsWith("/content"))
			.map((path) -> path.substring(path.indexOf("/onenote/pages/") + "/onenote/pages/".length(),
					path.length() - "/content".length()))
			.toList();
	}

	private static List<LocalGraphServer.Recorded> deltaRequests(Drive drive) {
		return graph.requests("/v1.0/drives/" + drive.id + "/root/delta");
	}

	private static String itemId(Drive drive, Item item) {
		return drive.id + ":" + item.id;
	}

	private static SearchFilter everything(UUID sourceId) {
		return new SearchFilter(List.of(SearchFilter.ALL), null, null, null, null, null, List.of(sourceId.toString()));
	}

	private static List<Integer> counts(StubDocumentService.Job job) {
		return List.of(job.count("seen"), job.count("indexed"), job.count("skipped_unchanged"), job.count("deleted"),
				job.count("failed"));
	}

	private static String documentId(UUID sourceId, String item) {
		return ChunkIds.documentId(sourceId.toString(), item);
	}

	/** A small real PNG of one colour. */
	private static byte[] png(Color color) {
		BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < image.getWidth(); x++) {
			for (int y = 0; y < image.getHeight(); y++) {
				image.setRGB(x, y, color.getRGB());
			}
		}
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
