package io.noterag.indexing.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.noterag.indexing.catalog.ItemReport;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.chunking.ChunkingProperties;
import io.noterag.indexing.chunking.WordPieceTokenCounter;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemImage;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.lucene.LuceneVectorStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemProcessorTests {

	private static final Instant MODIFIED = Instant.parse("2026-01-01T10:00:00.123456789Z");

	@TempDir
	Path temp;

	private final FakeDocumentService documentService = new FakeDocumentService();

	private final FakePlugin plugin = new FakePlugin();

	private final List<String> imageCalls = new ArrayList<>();

	private final AtomicInteger reads = new AtomicInteger();

	private final UUID sourceId = UUID.randomUUID();

	private LuceneVectorStore vectorStore;

	private ItemProcessor processor;

	@BeforeEach
	void setUp() {
		this.vectorStore = new LuceneVectorStore(this.temp.resolve("index"), LuceneVectorStore.Mode.WRITER,
				Duration.ofMillis(10), Duration.ZERO, 4);
		this.documentService.sources.put(this.sourceId, new SourceDetails(this.sourceId, "fake", "Fake", Map.of(), null,
				List.of("group:everyone"), Map.of("token", "secret"), null, null, "ok"));
		MultimodalServiceClient multimodal = new MultimodalServiceClient(null) {

			@Override
			public void replaceImages(String documentId, UUID dataSourceId, List<ItemImage> images) {
				ItemProcessorTests.this.imageCalls.add("replace " + documentId + " " + images.size());
			}

			@Override
			public void deleteImages(String documentId) {
				ItemProcessorTests.this.imageCalls.add("delete " + documentId);
			}

		};
		Chunker chunker = new Chunker(WordPieceTokenCounter.fromClasspath(WordPieceTokenCounter.BGE_SMALL_TOKENIZER),
				ChunkingProperties.defaults());
		DocumentIndexer indexer = new DocumentIndexer(new TikaExtractor(1_000_000, Duration.ofSeconds(30)), chunker,
				new CountingEmbedder(), this.vectorStore, this.documentService, multimodal, 8);
		this.processor = new ItemProcessor(this.documentService, multimodal,
				new DataSourcePlugins(List.of(this.plugin)), indexer, this.vectorStore, new IndexWriteLock(),
				new SimpleMeterRegistry());
		this.plugin.items = (ref) -> {
			this.reads.incrementAndGet();
			return page(ref.itemId(), "<html><head><title>Plan</title></head><body><h1>Plan</h1>"
					+ "<p>The launch is on Monday.</p></body></html>");
		};
	}

	@AfterEach
	void close() throws Exception {
		this.vectorStore.close();
	}

	@Test
	void shouldIndexAnItemRecordItsMetadataAndReportIt() {
		this.processor.process(item("page-1"));

		String documentId = documentId("page-1");
		assertThat(chunks(documentId)).isNotEmpty();
		assertThat(this.documentService.upserts.get(documentId)).satisfies((record) -> {
			assertThat(record.title()).isEqualTo("Plan");
			assertThat(record.url()).isEqualTo("https://example.org/page-1");
			assertThat(record.sourceId()).isEqualTo("page-1");
			assertThat(record.metadata()).containsEntry("section", "Launch");
			assertThat(record.chunkCount()).isEqualTo(chunks(documentId).size());
		});
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "indexed", null));
	}

	@Test
	void shouldLetTheJobCountAnIndexedItemWithItsDocumentInOneCall() {
		this.documentService.countsItemsWithDocuments = true;
		ItemIndexRequested request = item("page-1");

		this.processor.process(request);

		assertThat(this.documentService.upserts.get(documentId("page-1")).jobId()).isEqualTo(request.jobId());
		assertThat(this.documentService.reportsWithDocuments)
			.containsExactly(new ItemReport("page-1", "indexed", null));
		assertThat(this.documentService.reports).as("no report of its own").isEmpty();
	}

	@Test
	void shouldIndexAnItemPlannedAsNewWithoutAskingForItsDocument() {
		ItemIndexRequested planned = item("page-1");
		this.processor.process(new ItemIndexRequested(planned.jobId(), planned.dataSourceId(), planned.sourceType(),
				planned.item(), false, planned.requestedAt(), false));

		assertThat(chunks(documentId("page-1"))).isNotEmpty();
		assertThat(this.documentService.documentLookups).isEmpty();
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "indexed", null));

		// planned as recorded, or by a planning that did not look: asked for
		this.processor.process(new ItemIndexRequested(planned.jobId(), planned.dataSourceId(), planned.sourceType(),
				planned.item(), false, planned.requestedAt(), true));
		this.processor.process(item("page-1"));
		assertThat(this.documentService.documentLookups).containsExactly(documentId("page-1"), documentId("page-1"));
	}

	@Test
	void shouldSkipAnItemWhoseModificationTimeIsTheOneIndexedWithoutReadingIt() {
		this.processor.process(item("page-1"));
		record(documentId("page-1"), MODIFIED.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		this.documentService.reports.clear();

		this.processor.process(item("page-1"));

		assertThat(this.reads).hasValue(1);
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "skipped_unchanged", null));
	}

	@Test
	void shouldSkipAnItemWhoseContentHashIsTheOneIndexed() {
		this.processor.process(item("page-1"));
		record(documentId("page-1"), Instant.parse("2020-01-01T00:00:00Z"));
		this.documentService.reports.clear();

		this.processor.process(item("page-1"));

		assertThat(this.reads).hasValue(2);
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "skipped_unchanged", null));
	}

	@Test
	void shouldHandItsImagesToMultimodalServiceBeforeRecordingTheDocument() {
		this.plugin.items = (ref) -> new SourceItem(ref.itemId(), "Diagram", "https://example.org/d", "d.html",
				"text/html", "<p>See the diagram of the network.</p>".getBytes(StandardCharsets.UTF_8), null, MODIFIED,
				Map.of(), List.of(new ItemImage("img-1", "image/png", new byte[] { 1 }, "network")));

		this.processor.process(item("d"));

		assertThat(this.imageCalls).containsExactly("replace " + documentId("d") + " 1");
		assertThat(this.documentService.upserts.get(documentId("d")).metadata()).containsEntry("image_count", 1);
	}

	@Test
	void shouldRemoveADeletedItemsVectorsImagesAndMetadata() {
		this.plugin.capabilities.add(PluginCapability.IMAGES);
		this.processor.process(item("page-1"));
		this.documentService.reports.clear();

		this.processor.process(new ItemIndexRequested(UUID.randomUUID(), this.sourceId, "fake",
				new ItemRef("page-1", null, null, null, null), true, Instant.now()));

		assertThat(chunks(documentId("page-1"))).isEmpty();
		assertThat(this.imageCalls).containsExactly("delete " + documentId("page-1"));
		assertThat(this.documentService.deletedDocuments).containsExactly(documentId("page-1"));
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "deleted", null));
	}

	@Test
	void shouldRemoveAnItemThatIsGoneWhenItIsRead() {
		this.processor.process(item("page-1"));
		record(documentId("page-1"), Instant.parse("2020-01-01T00:00:00Z"));
		this.plugin.items = (ref) -> null;
		this.documentService.reports.clear();

		this.processor.process(item("page-1"));

		assertThat(chunks(documentId("page-1"))).isEmpty();
		assertThat(this.documentService.reports).containsExactly(new ItemReport("page-1", "deleted", null));
	}

	@Test
	void shouldReportABrokenItemFailedWithItsReason() {
		this.plugin.items = (ref) -> {
			throw new ItemException("The page HTML could not be parsed.");
		};

		this.processor.process(item("broken"));

		assertThat(this.documentService.reports)
			.containsExactly(new ItemReport("broken", "failed", "The page HTML could not be parsed."));
	}

	@Test
	void shouldReportAnItemWithoutTextFailed() {
		this.plugin.items = (ref) -> page(ref.itemId(), "");

		this.processor.process(item("empty"));

		assertThat(this.documentService.reports).singleElement()
			.satisfies((report) -> assertThat(report.outcome()).isEqualTo("failed"));
	}

	@Test
	void shouldMarkTheSourceWhenTheUserMustConnectAgainAndFailTheItem() {
		this.plugin.items = (ref) -> {
			throw new ReconnectRequiredException("consent revoked");
		};

		this.processor.process(item("page-1"));

		assertThat(this.documentService.statuses).containsExactly("needs_reconnect");
		assertThat(this.documentService.reports).singleElement()
			.satisfies((report) -> assertThat(report.reason()).contains("consent revoked"));
	}

	@Test
	void shouldLetAnUnreachableOrThrottlingSourceBeTriedAgainWithoutReporting() {
		this.plugin.items = (ref) -> {
			throw new SourceUnavailableException("503");
		};
		assertThatThrownBy(() -> this.processor.process(item("a"))).isInstanceOf(SourceUnavailableException.class);
		this.plugin.items = (ref) -> {
			throw new SourceThrottledException("429", Duration.ofSeconds(3));
		};
		assertThatThrownBy(() -> this.processor.process(item("a"))).isInstanceOf(SourceThrottledException.class);

		assertThat(this.documentService.reports).isEmpty();
	}

	@Test
	void shouldReportAnItemFailedAfterItsLastAttempt() {
		this.processor.reportFailed(item("a"), "Failed after 4 attempts: 503");

		assertThat(this.documentService.reports)
			.containsExactly(new ItemReport("a", "failed", "Failed after 4 attempts: 503"));
	}

	@Test
	void shouldDropTheItemOfADeletedSource() {
		this.documentService.sources.clear();

		this.processor.process(item("a"));

		assertThat(this.documentService.reports).isEmpty();
	}

	private ItemIndexRequested item(String itemId) {
		return new ItemIndexRequested(UUID.randomUUID(), this.sourceId, "fake",
				new ItemRef(itemId, itemId, MODIFIED, "v1", Map.of("content_url", "https://example.org")), false,
				Instant.now());
	}

	private static SourceItem page(String itemId, String html) {
		return new SourceItem(itemId, "Plan", "https://example.org/" + itemId, null, "text/html",
				html.getBytes(StandardCharsets.UTF_8), MODIFIED, MODIFIED, Map.of("section", "Launch"), List.of());
	}

	/** What document-service would answer after the upsert. */
	private void record(String documentId, Instant modifiedAt) {
		this.documentService.documents.put(documentId, new KnownDocument(documentId, "page-1",
				this.documentService.upserts.get(documentId).contentHash(), modifiedAt));
	}

	private String documentId(String itemId) {
		return ChunkIds.documentId(this.sourceId.toString(), itemId);
	}

	private List<?> chunks(String documentId) {
		return this.vectorStore.chunksOf(documentId, SearchFilter.forPrincipals(List.of(SearchFilter.ALL)));
	}

	private static final class CountingEmbedder implements Embedder {

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			return texts.stream().map((text) -> new float[] { text.length(), 1, 0, 0 }).toList();
		}

		@Override
		public float[] embedQuery(String query) {
			return new float[] { 1, 1, 0, 0 };
		}

		@Override
		public int dimension() {
			return 4;
		}

		@Override
		public String modelName() {
			return "counting";
		}

	}

}
