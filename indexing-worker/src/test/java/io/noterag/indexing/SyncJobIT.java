package io.noterag.indexing;

import io.noterag.shared.messaging.DataSourceDeleted;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.noterag.indexing.catalog.LocalMultimodalService;
import io.noterag.indexing.testsupport.StubDocumentService;
import io.noterag.indexing.testsupport.SyncRequests;
import io.noterag.indexing.testsupport.TestDocuments;
import io.noterag.indexing.testsupport.WorkerTestProperties;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;
import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker as a whole: real RabbitMQ (this run's virtual host), a Lucene index in a
 * temporary folder, the real embedding model, and a stub of document-service's internal
 * API. The context is closed after this class, so that its listeners never take the
 * messages of another worker test's context on the same virtual host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@DirtiesContext
class SyncJobIT {

	private static final StubDocumentService documentService = StubDocumentService.start();

	private static final LocalMultimodalService multimodal = LocalMultimodalService.start();

	private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	static Path temp;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private VectorStore vectorStore;

	@LocalServerPort
	private int port;

	private Path folder;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		WorkerTestProperties.register(registry, documentService, multimodal, temp);
	}

	@AfterAll
	static void stopStub() {
		multimodal.close();
		documentService.close();
	}

	@BeforeEach
	void createFolder() throws Exception {
		this.folder = Files.createDirectories(temp.resolve("roots").resolve("notes-" + UUID.randomUUID()));
		documentService.down(false);
		documentService.failSourceReads(false);
	}

	@Test
	void shouldIndexAFolderThenSkipUnchangedReindexEditedAndRemoveDeletedFiles() throws Exception {
		write("runbook.md", TestDocuments.text("""
				# Restore runbook

				The restore of the billing database takes forty minutes.

				## Steps

				1. Stop the API.
				2. Run pg_restore with the latest dump.
				3. Start the API.
				"""));
		write("guide.html",
				TestDocuments.html("Visitor guide", "Parking", "Visitors park on level minus two, next to the lifts."));
		write("notes.txt", TestDocuments.text("The cafeteria opens at eight o'clock.\n"));
		write("team/onboarding.docx",
				TestDocuments.docx("Onboarding guide", "Week one",
						List.of("New joiners receive a laptop called Falcon on their first day."),
						List.of(List.of("Day", "Activity"), List.of("Monday", "Security training"))));
		write("incident.pdf", TestDocuments.pdf("Incident report 42",
				List.of("The outage lasted twelve minutes.", "An expired certificate caused it.")));
		write("broken.pdf", TestDocuments.corruptPdf());
		write("fake.pdf", TestDocuments.text("This is plain text pretending to be a PDF."));
		write(".hidden.md", TestDocuments.text("# Hidden\n\nNever indexed.\n"));
		Path outside = Files.createDirectories(temp.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "The vault code is 7741.");
		Files.createSymbolicLink(this.folder.resolve("escape.txt"), outside.resolve("secret.txt"));
		UUID sourceId = documentService.addSource(this.folder.toString(), List.of("ops"));

		String requestId = "req-" + UUID.randomUUID();
		StubDocumentService.Job first = sync(sourceId, requestId);

		assertThat(first.state()).isEqualTo("completed_with_errors");
		assertThat(counts(first)).containsExactly(8, 5, 0, 0, 3);
		assertThat(first.failures()).extracting((failure) -> failure.get("item"))
			.containsExactlyInAnyOrder("broken.pdf", "fake.pdf", "escape.txt");
		assertThat(reason(first, "broken.pdf")).startsWith("corrupt or unreadable PDF");
		assertThat(reason(first, "fake.pdf"))
			.isEqualTo("content does not match the .pdf extension (detected text/plain)");
		assertThat(reason(first, "escape.txt")).isEqualTo("symbolic link to a file outside the allowed roots");
		assertThat(first.total()).as("one message per listed file").isEqualTo(7);
		assertThat(first.itemReports()).as("each item reported once").isEqualTo(7);
		assertThat(documentService.calls()).filteredOn((call) -> call.path().startsWith("/internal/"))
			.extracting(StubDocumentService.Call::requestId)
			.contains(requestId);

		assertThat(documentService.documentsOf(sourceId)).hasSize(5);
		Map<String, Object> runbook = documentService.document(documentId(sourceId, "runbook.md"));
		assertThat(runbook).containsEntry("title", "Restore runbook")
			.containsEntry("source_type", "filesystem")
			.containsEntry("source_id", "runbook.md")
			.containsEntry("content_type", "text/markdown")
			.containsEntry("content_hash", sha256(this.folder.resolve("runbook.md")))
			.containsEntry("url", this.folder.resolve("runbook.md").toUri().toString())
			.containsEntry("tags", List.of("ops"));
		assertThat(documentService.document(documentId(sourceId, "team/onboarding.docx"))).containsEntry("title",
				"Onboarding guide");
		assertThat(documentService.document(documentId(sourceId, "incident.pdf"))).containsEntry("title",
				"Incident report 42");

		List<ScoredChunk> restore = search(sourceId, "how long does the billing restore take");
		assertThat(restore).isNotEmpty();
		ChunkRecord best = restore.getFirst().chunk();
		assertThat(best.documentId()).isEqualTo(documentId(sourceId, "runbook.md"));
		assertThat(best.text()).contains("The restore of the billing database takes forty minutes.");
		assertThat(best.title()).isEqualTo("Restore runbook");
		assertThat(best.principals()).isEqualTo(documentService.source(sourceId).get("principals"));
		assertThat(best.tags()).containsExactly("ops");
		assertThat(best.dataSourceId()).isEqualTo(sourceId.toString());
		assertThat(best.id()).isEqualTo(ChunkIds.chunkId(best.documentId(), best.chunkIndex()));
		assertThat(search(sourceId, "Falcon laptop")).first()
			.satisfies((hit) -> assertThat(hit.chunk().documentId())
				.isEqualTo(documentId(sourceId, "team/onboarding.docx")));
		assertThat(search(sourceId, "outage twelve minutes")).first()
			.satisfies((hit) -> assertThat(hit.chunk().documentId()).isEqualTo(documentId(sourceId, "incident.pdf")));
		assertThat(search(sourceId, "vault code 7741")).isEmpty();
		assertThat(search(sourceId, "Never indexed hidden")).isEmpty();
		for (Map<String, Object> document : documentService.documentsOf(sourceId)) {
			assertThat(this.vectorStore.chunksOf((String) document.get("id"), everything(sourceId)))
				.hasSize(((Number) document.get("chunk_count")).intValue());
		}

		StubDocumentService.Job second = sync(sourceId, null);

		assertThat(second.state()).isEqualTo("completed_with_errors");
		assertThat(counts(second)).containsExactly(8, 0, 5, 0, 3);

		write("notes.txt", TestDocuments.text("The cafeteria opens at nine o'clock.\n"));
		Files.delete(this.folder.resolve("guide.html"));

		StubDocumentService.Job third = sync(sourceId, null);

		assertThat(counts(third)).containsExactly(7, 1, 3, 1, 3);
		assertThat(search(sourceId, "cafeteria opens")).singleElement()
			.satisfies((hit) -> assertThat(hit.chunk().text()).isEqualTo("The cafeteria opens at nine o'clock."));
		assertThat(search(sourceId, "eight")).isEmpty();
		assertThat(documentService.document(documentId(sourceId, "notes.txt"))).containsEntry("content_hash",
				sha256(this.folder.resolve("notes.txt")));
		assertThat(search(sourceId, "visitors park level minus two")).isEmpty();
		assertThat(this.vectorStore.chunksOf(documentId(sourceId, "guide.html"), everything(sourceId))).isEmpty();
		assertThat(documentService.document(documentId(sourceId, "guide.html"))).isNull();
		assertThat(documentService.documentsOf(sourceId)).hasSize(4);
	}

	@Test
	void shouldRunAgainAJobLeftRunningWithoutDuplicatingAnything() throws Exception {
		write("a.md", TestDocuments.text("# Alpha\n\nThe alpha project ships in March.\n"));
		write("b.md", TestDocuments.text("# Beta\n\nThe beta project ships in June.\n"));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		assertThat(sync(sourceId, null).state()).isEqualTo("succeeded");
		String alpha = documentId(sourceId, "a.md");
		int alphaChunks = this.vectorStore.chunksOf(alpha, everything(sourceId)).size();
		// a worker crashed after writing a.md's vectors, before recording its metadata
		documentService.setContentHash(alpha, "hash-of-the-previous-version");
		UUID jobId = documentService.addRunningJob(sourceId);

		SyncRequests.publish(this.rabbit, jobId, sourceId, "filesystem", null);
		await().atMost(JOB_TIMEOUT).until(() -> documentService.job(jobId).isFinished());

		StubDocumentService.Job job = documentService.job(jobId);
		assertThat(job.state()).isEqualTo("succeeded");
		assertThat(counts(job)).containsExactly(2, 1, 1, 0, 0);
		assertThat(documentService.document(alpha)).containsEntry("content_hash", sha256(this.folder.resolve("a.md")));
		assertThat(this.vectorStore.chunksOf(alpha, everything(sourceId))).hasSize(alphaChunks);
		assertThat(search(sourceId, "alpha project ships")).extracting((hit) -> hit.chunk().documentId())
			.containsOnlyOnce(alpha);
	}

	@Test
	void shouldIndexAgainAnUnchangedFileWhoseChunksTheIndexHasLost() throws Exception {
		write("a.md", TestDocuments.text("# Alpha\n\nThe alpha project ships in March.\n"));
		write("b.md", TestDocuments.text("# Beta\n\nThe beta project ships in June.\n"));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		assertThat(sync(sourceId, null).state()).isEqualTo("succeeded");
		this.vectorStore.deleteDocument(documentId(sourceId, "b.md"));

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(counts(job)).containsExactly(2, 1, 1, 0, 0);
		assertThat(search(sourceId, "beta project June")).isNotEmpty();
	}

	@Test
	void shouldAcknowledgeAndDropAMessageForAJobThatHasAlreadyFinished() throws Exception {
		write("a.txt", TestDocuments.text("Alpha."));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		UUID jobId = documentService.addFinishedJob(sourceId);

		SyncRequests.publish(this.rabbit, jobId, sourceId, "filesystem", null);

		await().atMost(JOB_TIMEOUT).until(() -> documentService.job(jobId).startCalls() == 1);
		Thread.sleep(1500);
		assertThat(documentService.job(jobId).startCalls()).isEqualTo(1);
		assertThat(documentService.job(jobId).state()).isEqualTo("succeeded");
		assertThat(documentService.documentsOf(sourceId)).isEmpty();
		assertThat(deadLettered(Topology.SYNC_DEAD_LETTER_QUEUE, jobId.toString(), Duration.ofMillis(500))).isNull();
	}

	@Test
	void shouldRetryWithBackOffThenDeadLetterAndMarkTheJobFailedWhenDocumentServiceFails() throws Exception {
		write("a.txt", TestDocuments.text("Alpha."));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		documentService.failSourceReads(true);
		UUID jobId = documentService.addJob(sourceId);

		SyncRequests.publish(this.rabbit, jobId, sourceId, "filesystem", null);

		await().atMost(JOB_TIMEOUT).until(() -> documentService.job(jobId).isFinished());
		StubDocumentService.Job job = documentService.job(jobId);
		assertThat(job.state()).isEqualTo("failed");
		assertThat(job.error()).startsWith("Failed after 3 attempts: document-service failed to read source")
			.contains("503");
		assertThat(documentService.calls()).filteredOn((call) -> call.path().equals("/internal/sources/" + sourceId))
			.as("one read of the source per attempt")
			.hasSize(3);
		Message deadLetter = deadLettered(Topology.SYNC_DEAD_LETTER_QUEUE, jobId.toString(), JOB_TIMEOUT);
		assertThat(deadLetter).isNotNull();
		assertThat((Object) deadLetter.getMessageProperties().getHeader(Topology.ATTEMPT_HEADER)).isEqualTo(3);
	}

	@Test
	void shouldDeadLetterAfterTheLastAttemptWhileDocumentServiceIsDown() throws Exception {
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		UUID jobId = documentService.addJob(sourceId);
		documentService.down(true);

		SyncRequests.publish(this.rabbit, jobId, sourceId, "filesystem", null);

		Message deadLetter = deadLettered(Topology.SYNC_DEAD_LETTER_QUEUE, jobId.toString(), JOB_TIMEOUT);
		assertThat(deadLetter).isNotNull();
		assertThat(documentService.calls()).filteredOn((call) -> call.path().endsWith(jobId + "/start"))
			.as("three attempts, then one more to mark the job failed")
			.hasSize(4);
		// never started, so never left running
		assertThat(documentService.job(jobId).state()).isEqualTo("queued");
	}

	@Test
	void shouldFailTheJobOfAFolderOutsideTheAllowedRootsWithoutRetrying() throws Exception {
		Path outside = Files.createDirectories(temp.resolve("not-allowed"));
		Files.writeString(outside.resolve("x.txt"), "Secret.");
		UUID sourceId = documentService.addSource(outside.toString(), null);

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(job.state()).isEqualTo("failed");
		assertThat(job.error()).contains("outside the allowed roots");
		assertThat(job.startCalls()).isEqualTo(1);
		assertThat(documentService.documentsOf(sourceId)).isEmpty();
	}

	@Test
	void shouldRemoveEveryChunkOfADeletedDataSource() throws Exception {
		write("a.md", TestDocuments.text("# Alpha\n\nThe alpha project ships in March.\n"));
		write("b.md", TestDocuments.text("# Beta\n\nThe beta project ships in June.\n"));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		assertThat(sync(sourceId, null).state()).isEqualTo("succeeded");
		assertThat(search(sourceId, "project ships")).hasSize(2);

		// as document-service publishes it: its own class named in the type header
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setHeader("__TypeId__", "io.noterag.shared.messaging.DataSourceDeleted");
		this.rabbit.send(Topology.INDEXING_EXCHANGE, Topology.SOURCE_DELETED,
				MessageBuilder
					.withBody(("{\"data_source_id\":\"" + sourceId + "\",\"deleted_at\":\"2026-01-01T10:00:00Z\"}")
						.getBytes(StandardCharsets.UTF_8))
					.andProperties(properties)
					.build());

		await().atMost(JOB_TIMEOUT).until(() -> search(sourceId, "project ships").isEmpty());
		await().atMost(JOB_TIMEOUT)
			.until(() -> multimodal.requests().contains("DELETE /internal/images?data_source_id=" + sourceId));
	}

	@Test
	void shouldDeadLetterMessagesItCannotRead() {
		String notJson = "unreadable-" + UUID.randomUUID();
		String incomplete = "incomplete-" + UUID.randomUUID();

		sendJson(Topology.SYNC_REQUESTED, "{\"not\": \"" + notJson + "\"");
		sendJson(Topology.SYNC_REQUESTED, "{\"source_type\": \"" + incomplete + "\"}");

		assertThat(deadLettered(Topology.SYNC_DEAD_LETTER_QUEUE, notJson, JOB_TIMEOUT)).isNotNull();
		assertThat(deadLettered(Topology.SYNC_DEAD_LETTER_QUEUE, incomplete, JOB_TIMEOUT)).isNotNull();
	}

	@Test
	void shouldReportHealthAndIndexingMetrics() throws Exception {
		write("a.txt", TestDocuments.text("Metrics are counted."));
		UUID sourceId = documentService.addSource(this.folder.toString(), null);
		sync(sourceId, null);
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);

		String health = client.get().uri("/actuator/health/readiness").retrieve().body(String.class);
		String metrics = client.get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(health).contains("\"UP\"");
		assertThat(metrics).contains("noterag_indexing_items_total{").contains("outcome=\"indexed\"");
		assertThat(metrics).contains("noterag_indexing_listings_seconds_count{");
	}

	@Test
	void shouldKeepTheSourceTestForServiceTokensOnly() {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);

		int status = client.post()
			.uri("/internal/sources/test")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body("{\"type\":\"filesystem\",\"config\":{\"path\":\"/\"}}")
			.exchange((request, response) -> response.getStatusCode().value());

		assertThat(status).isEqualTo(401);
	}

	@Test
	void shouldRetryAnUnreachableItemThroughEachDelayTierThenDeadLetterItAndReportItFailed() {
		ScriptedPlugin.items.put("fine", (ref) -> ScriptedPlugin.page(ref, "The fine item is indexed."));
		ScriptedPlugin.items.put("down", (ref) -> {
			throw new SourceUnavailableException("503 Service Unavailable");
		});
		UUID sourceId = documentService.addSourceOfType(ScriptedPlugin.TYPE, Map.of("items", List.of("fine", "down")));

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(job.state()).isEqualTo("completed_with_errors");
		assertThat(counts(job)).containsExactly(2, 1, 0, 0, 1);
		assertThat(reason(job, "down")).isEqualTo("Failed after 3 attempts: 503 Service Unavailable");
		List<Instant> attempts = ScriptedPlugin.reads.get(sourceId + "/down");
		assertThat(attempts).hasSize(3);
		assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		Message deadLetter = deadLettered(Topology.ITEM_DEAD_LETTER_QUEUE, "\"down\"", JOB_TIMEOUT);
		assertThat(deadLetter).isNotNull();
		assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains(job.id().toString());
		assertThat(deadLetter.getMessageProperties().getReceivedRoutingKey()).isEqualTo(Topology.ITEM_INDEX_REQUESTED);
		assertThat((Object) deadLetter.getMessageProperties().getHeader(Topology.ATTEMPT_HEADER)).isEqualTo(3);
		assertThat(deadLetter.getMessageProperties().getXDeathHeader()).isNotEmpty();
		assertThat(deadLettered(Topology.ITEM_DEAD_LETTER_QUEUE, "\"fine\"", Duration.ofMillis(300))).isNull();
	}

	@Test
	void shouldIndexAnItemReDrivenFromItsDeadLetterQueue() {
		java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
		ScriptedPlugin.items.put("comeback", (ref) -> {
			if (down.get()) {
				throw new SourceUnavailableException("Connection refused");
			}
			return ScriptedPlugin.page(ref, "The comeback page is indexed once re-driven.");
		});
		UUID sourceId = documentService.addSourceOfType(ScriptedPlugin.TYPE, Map.of("items", List.of("comeback")));
		assertThat(sync(sourceId, null).state()).isEqualTo("completed_with_errors");
		Message deadLetter = deadLettered(Topology.ITEM_DEAD_LETTER_QUEUE, "\"comeback\"", JOB_TIMEOUT);
		assertThat(deadLetter).isNotNull();
		down.set(false);

		// as an administrator re-drives it: same body and headers, its routing key, a
		// fresh
		// set of attempts
		MessageProperties properties = deadLetter.getMessageProperties();
		properties.getHeaders().remove(Topology.ATTEMPT_HEADER);
		this.rabbit.send(Topology.INDEXING_EXCHANGE, properties.getReceivedRoutingKey(),
				new Message(deadLetter.getBody(), properties));

		await().atMost(JOB_TIMEOUT).until(() -> !search(sourceId, "comeback page re-driven").isEmpty());
		// the metadata is written after the vectors
		await().atMost(JOB_TIMEOUT).until(() -> documentService.document(documentId(sourceId, "comeback")) != null);
	}

	@Test
	void shouldWaitAsLongAsAThrottledSourceAsksWithoutCountingAnAttempt() {
		java.util.concurrent.atomic.AtomicBoolean throttled = new java.util.concurrent.atomic.AtomicBoolean();
		ScriptedPlugin.items.put("busy", (ref) -> {
			if (throttled.compareAndSet(false, true)) {
				throw new SourceThrottledException("429 Too Many Requests", Duration.ofMillis(700));
			}
			return ScriptedPlugin.page(ref, "The busy page is indexed after the wait.");
		});
		for (int i = 0; i < 4; i++) {
			ScriptedPlugin.items.put("quiet-" + i, (ref) -> ScriptedPlugin.page(ref, "A quiet page " + ref.itemId()));
		}
		UUID sourceId = documentService.addSourceOfType(ScriptedPlugin.TYPE,
				Map.of("items", List.of("busy", "quiet-0", "quiet-1", "quiet-2", "quiet-3")));

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(job.state()).isEqualTo("succeeded");
		assertThat(counts(job)).containsExactly(5, 5, 0, 0, 0);
		List<Instant> reads = ScriptedPlugin.reads.get(sourceId + "/busy");
		assertThat(reads).hasSize(2);
		assertThat(Duration.between(reads.get(0), reads.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		assertThat(deadLettered(Topology.ITEM_DEAD_LETTER_QUEUE, job.id().toString(), Duration.ofMillis(300))).isNull();
		// document-service was told, on the job, how long the source's items wait
		assertThat(documentService.throttleReports()).contains(new StubDocumentService.ThrottleReport(sourceId, 700));
		assertThat(job.throttledUntil()).isAfterOrEqualTo(reads.get(0).plusMillis(700));
	}

	@Test
	void shouldTellDocumentServiceThatAListingWaitsForAThrottlingSourceThenListItAfterTheWait() {
		ScriptedPlugin.items.put("listed-after-the-wait", (ref) -> ScriptedPlugin.page(ref, "Listed after a wait."));
		UUID sourceId = documentService.addSourceOfType(IncrementalPlugin.TYPE, Map.of());
		IncrementalPlugin.listings.put(sourceId, List.of("listed-after-the-wait"));
		IncrementalPlugin.throttleOnce.put(sourceId, Duration.ofMillis(800));

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(job.state()).isEqualTo("succeeded");
		assertThat(job.items()).containsOnlyKeys("listed-after-the-wait");
		assertThat(documentService.throttleReports()).contains(new StubDocumentService.ThrottleReport(sourceId, 800));
		assertThat(job.throttledUntil()).isNotNull();
		assertThat(job.listingTime()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
	}

	@Test
	void shouldTryAgainByTheNextIncrementalSyncAnItemThatFailedAndHasNotChangedCountingItOnce() {
		AtomicInteger attempts = new AtomicInteger();
		ScriptedPlugin.items.put("flaky", (ref) -> {
			if (attempts.incrementAndGet() <= 2) {
				throw new ItemException("The page's HTML cannot be read");
			}
			return ScriptedPlugin.page(ref, "The flaky page about the penguin migration is indexed at last.");
		});
		ScriptedPlugin.items.put("steady", (ref) -> ScriptedPlugin.page(ref, "A steady page."));
		UUID sourceId = documentService.addSourceOfType(IncrementalPlugin.TYPE, Map.of());
		IncrementalPlugin.listings.put(sourceId, List.of("flaky", "steady"));

		StubDocumentService.Job first = sync(sourceId, null);
		assertThat(first.state()).isEqualTo("completed_with_errors");
		assertThat(documentService.failedItems(sourceId, 10)).extracting((item) -> item.get("item_id"))
			.containsExactly("flaky");

		// changed again at the source and failed before: listed, published once
		IncrementalPlugin.listings.put(sourceId, List.of("flaky"));
		StubDocumentService.Job second = sync(sourceId, null);
		assertThat(second.total()).isEqualTo(1);
		assertThat(second.items()).containsOnlyKeys("flaky");
		assertThat(second.state()).isEqualTo("completed_with_errors");

		// unchanged since: the incremental listing is empty, the failed item is tried
		// again and counted once
		IncrementalPlugin.listings.put(sourceId, List.of());
		StubDocumentService.Job third = sync(sourceId, null);
		assertThat(third.state()).isEqualTo("succeeded");
		assertThat(third.total()).isEqualTo(1);
		assertThat(third.itemReports()).isEqualTo(1);
		assertThat(third.items().get("flaky").get("outcome")).isEqualTo("indexed");
		assertThat(search(sourceId, "penguin migration")).isNotEmpty();
		assertThat(documentService.failedItems(sourceId, 10)).isEmpty();

		// nothing failed any more: nothing to do
		StubDocumentService.Job fourth = sync(sourceId, null);
		assertThat(fourth.total()).isZero();
		assertThat(fourth.state()).isEqualTo("succeeded");
		assertThat(ScriptedPlugin.reads.get(sourceId + "/flaky")).hasSize(3);
		assertThat(ScriptedPlugin.reads.get(sourceId + "/steady")).hasSize(1);
	}

	@Test
	void shouldSendHeartbeatsWhileAListingLastsLongerThanAShortenedHeartbeatTimeout() throws Exception {
		ScriptedPlugin.items.put("slowly-listed", (ref) -> ScriptedPlugin.page(ref, "Listed slowly."));
		UUID sourceId = documentService.addSourceOfType(IncrementalPlugin.TYPE, Map.of());
		IncrementalPlugin.listings.put(sourceId, List.of("slowly-listed"));
		IncrementalPlugin.listingTimes.put(sourceId, Duration.ofSeconds(2));
		Duration heartbeatTimeout = Duration.ofSeconds(1);

		StubDocumentService.Job job = sync(sourceId, null);

		assertThat(job.state()).isEqualTo("succeeded");
		assertThat(job.listingTime()).isGreaterThan(heartbeatTimeout.multipliedBy(2));
		// a heartbeat every 200 ms: never silent for as long as the timeout
		assertThat(job.heartbeats()).isGreaterThanOrEqualTo(4);
		assertThat(job.longestSilenceBeforePlan()).isLessThan(heartbeatTimeout);
		int sent = job.heartbeats();
		Thread.sleep(600);
		assertThat(job.heartbeats()).as("stopped once the items are published").isEqualTo(sent);
	}

	/**
	 * Source types whose items the tests script: one listed completely, one
	 * incrementally.
	 */
	@TestConfiguration
	static class ScriptedPluginConfiguration {

		@Bean
		ScriptedPlugin scriptedPlugin() {
			return new ScriptedPlugin();
		}

		@Bean
		IncrementalPlugin incrementalPlugin() {
			return new IncrementalPlugin();
		}

	}

	/**
	 * Lists only the items the test says changed since the last sync (not a complete
	 * listing), taking as long as the test says; reads them as {@link ScriptedPlugin}.
	 */
	static final class IncrementalPlugin implements DataSourcePlugin<Map<String, Object>> {

		static final String TYPE = "scripted-incremental";

		static final Map<UUID, List<String>> listings = new ConcurrentHashMap<>();

		static final Map<UUID, Duration> listingTimes = new ConcurrentHashMap<>();

		/** Sources whose next listing is throttled, with the wait the source asks for. */
		static final Map<UUID, Duration> throttleOnce = new ConcurrentHashMap<>();

		private final ScriptedPlugin reader = new ScriptedPlugin();

		@Override
		public String sourceType() {
			return TYPE;
		}

		@Override
		public Set<PluginCapability> capabilities() {
			return Set.of(PluginCapability.INCREMENTAL_SYNC, PluginCapability.DELETIONS);
		}

		@Override
		public Map<String, Object> configure(Map<String, Object> config) {
			return config;
		}

		@Override
		public void authenticate(SourceContext<Map<String, Object>> source) {
		}

		@Override
		public ChangeSet fetchDocuments(SourceContext<Map<String, Object>> source, FetchFilters filters,
				Instant modifiedSince) {
			Duration throttled = throttleOnce.remove(source.sourceId());
			if (throttled != null) {
				throw new SourceThrottledException("429 Too Many Requests", throttled);
			}
			try {
				Thread.sleep(listingTimes.getOrDefault(source.sourceId(), Duration.ZERO));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			List<ItemRef> changed = listings.getOrDefault(source.sourceId(), List.of())
				.stream()
				.map((id) -> new ItemRef(id, id, Instant.now(), null, Map.of("listed", "yes")))
				.toList();
			return new ChangeSet(changed, List.of(), List.of(), false, "cursor-" + Instant.now().toEpochMilli());
		}

		@Override
		public SourceItem getDocument(SourceContext<Map<String, Object>> source, ItemRef item) {
			return this.reader.getDocument(source, item);
		}

	}

	static final class ScriptedPlugin implements DataSourcePlugin<Map<String, Object>> {

		static final String TYPE = "scripted";

		static final Map<String, Function<ItemRef, SourceItem>> items = new ConcurrentHashMap<>();

		static final Map<String, List<Instant>> reads = new ConcurrentHashMap<>();

		@Override
		public String sourceType() {
			return TYPE;
		}

		@Override
		public Set<PluginCapability> capabilities() {
			return Set.of();
		}

		@Override
		public Map<String, Object> configure(Map<String, Object> config) {
			return config;
		}

		@Override
		public void authenticate(SourceContext<Map<String, Object>> source) {
		}

		@Override
		public ChangeSet fetchDocuments(SourceContext<Map<String, Object>> source, FetchFilters filters,
				Instant modifiedSince) {
			List<?> ids = (List<?>) source.config().get("items");
			return ChangeSet.full(
					ids.stream().map((id) -> new ItemRef(id.toString(), id.toString(), null, null, null)).toList(),
					List.of());
		}

		@Override
		public SourceItem getDocument(SourceContext<Map<String, Object>> source, ItemRef item) {
			reads.computeIfAbsent(source.sourceId() + "/" + item.itemId(), (key) -> new CopyOnWriteArrayList<>())
				.add(Instant.now());
			return items.get(item.itemId()).apply(item);
		}

		static SourceItem page(ItemRef ref, String text) {
			return new SourceItem(ref.itemId(), ref.itemId(), "https://example.org/" + ref.itemId(),
					ref.itemId() + ".txt", "text/plain", text.getBytes(StandardCharsets.UTF_8), null, null, Map.of(),
					List.of());
		}

	}

	private StubDocumentService.Job sync(UUID sourceId, String requestId) {
		UUID jobId = documentService.addJob(sourceId);
		SyncRequests.publish(this.rabbit, jobId, sourceId, "filesystem", requestId);
		await().atMost(JOB_TIMEOUT).until(() -> documentService.job(jobId).isFinished());
		return documentService.job(jobId);
	}

	private void sendJson(String routingKey, String json) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		this.rabbit.send(Topology.INDEXING_EXCHANGE, routingKey,
				MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8)).andProperties(properties).build());
	}

	private Message deadLettered(String queue, String marker, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Message message = this.rabbit.receive(queue, 200);
			if (message != null && new String(message.getBody(), StandardCharsets.UTF_8).contains(marker)) {
				return message;
			}
		}
		return null;
	}

	private List<ScoredChunk> search(UUID sourceId, String text) {
		return this.vectorStore.keywordSearch(text, 10, everything(sourceId));
	}

	private static SearchFilter everything(UUID sourceId) {
		return new SearchFilter(List.of(SearchFilter.ALL), null, null, null, null, null, List.of(sourceId.toString()));
	}

	private static List<Integer> counts(StubDocumentService.Job job) {
		return List.of(job.count("seen"), job.count("indexed"), job.count("skipped_unchanged"), job.count("deleted"),
				job.count("failed"));
	}

	private static String reason(StubDocumentService.Job job, String item) {
		return job.failures()
			.stream()
			.filter((failure) -> item.equals(failure.get("item")))
			.map((failure) -> (String) failure.get("reason"))
			.findFirst()
			.orElseThrow();
	}

	private static String documentId(UUID sourceId, String item) {
		return ChunkIds.documentId(sourceId.toString(), item);
	}

	private void write(String relative, byte[] content) throws Exception {
		Path path = this.folder.resolve(relative);
		Files.createDirectories(path.getParent());
		Files.write(path, content);
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
