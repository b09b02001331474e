package io.noterag.indexing.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.LocalMultimodalService;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.lucene.LuceneVectorStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DataSourceCleanerTests {

	@TempDir
	Path temp;

	private final UUID deleted = UUID.randomUUID();

	private final UUID kept = UUID.randomUUID();

	private final LocalMultimodalService multimodal = LocalMultimodalService.start();

	private LuceneVectorStore vectorStore;

	@BeforeEach
	void setUp() {
		this.vectorStore = new LuceneVectorStore(this.temp.resolve("index"), LuceneVectorStore.Mode.WRITER,
				Duration.ofMillis(10), Duration.ZERO, 4);
		index(this.deleted, "a.md");
		index(this.deleted, "b.md");
		index(this.kept, "c.md");
	}

	@AfterEach
	void close() throws Exception {
		this.multimodal.close();
		this.vectorStore.close();
	}

	@Test
	void shouldRemoveTheChunksAndAskMultimodalServiceToRemoveTheImagesOfTheSource() {
		DataSourceCleaner cleaner = cleaner(this.multimodal.url());

		cleaner.deleteDataSource(this.deleted);

		assertThat(chunksOf(this.deleted, "a.md")).isEmpty();
		assertThat(chunksOf(this.deleted, "b.md")).isEmpty();
		assertThat(chunksOf(this.kept, "c.md")).hasSize(1);
		assertThat(this.multimodal.requests())
			.containsExactly("DELETE /internal/images?data_source_id=" + this.deleted);
	}

	@Test
	void shouldFailSoThatTheDeletionIsRetriedWhenMultimodalServiceIsDown() {
		DataSourceCleaner cleaner = cleaner(LocalMultimodalService.unreachableUrl());

		assertThatExceptionOfType(DocumentServiceException.class)
			.isThrownBy(() -> cleaner.deleteDataSource(this.deleted))
			.withMessageContaining("multimodal-service unreachable")
			.withMessageContaining(this.deleted.toString());
		assertThat(chunksOf(this.deleted, "a.md")).isEmpty();
		assertThat(chunksOf(this.kept, "c.md")).hasSize(1);
	}

	@Test
	void shouldFailWhenMultimodalServiceCannotRemoveTheImagesAndSucceedWhenTriedAgain() {
		DataSourceCleaner cleaner = cleaner(this.multimodal.url());
		this.multimodal.failing(true);

		assertThatExceptionOfType(DocumentServiceException.class)
			.isThrownBy(() -> cleaner.deleteDataSource(this.deleted))
			.withMessageContaining("503");

		this.multimodal.failing(false);
		cleaner.deleteDataSource(this.deleted);

		assertThat(chunksOf(this.deleted, "b.md")).isEmpty();
		assertThat(chunksOf(this.kept, "c.md")).hasSize(1);
		assertThat(this.multimodal.requests()).hasSize(2)
			.containsOnly("DELETE /internal/images?data_source_id=" + this.deleted);
	}

	@Test
	void shouldWaitForTheItemsBeingIndexedBeforeRemovingAnything() throws Exception {
		IndexWriteLock lock = new IndexWriteLock();
		DataSourceCleaner cleaner = new DataSourceCleaner(this.vectorStore,
				new MultimodalServiceClient(RestClient.create(this.multimodal.url())), lock);
		lock.lockItem();
		Thread removal = Thread.ofVirtual().start(() -> cleaner.deleteDataSource(this.deleted));
		try {
			Thread.sleep(200);
			assertThat(this.multimodal.requests()).isEmpty();
			assertThat(chunksOf(this.deleted, "a.md")).hasSize(1);
		}
		finally {
			lock.unlockItem();
		}
		assertThat(removal.join(Duration.ofSeconds(10))).isTrue();
		assertThat(this.multimodal.requests()).hasSize(1);
	}

	private DataSourceCleaner cleaner(String multimodalUrl) {
		return new DataSourceCleaner(this.vectorStore, new MultimodalServiceClient(RestClient.create(multimodalUrl)),
				new IndexWriteLock());
	}

	private void index(UUID source, String itemId) {
		String document = ChunkIds.documentId(source.toString(), itemId);
		this.vectorStore.replaceDocument(document,
				List.of(new ChunkRecord(ChunkIds.chunkId(document, 0), document, 0, "The launch is on Monday.", itemId,
						null, "file:///" + itemId, "filesystem", source.toString(), List.of(), Instant.now(),
						List.of("group:everyone"), Map.of(), new float[] { 0.6f, 0.8f, 0f, 0f })));
	}

	private List<ChunkRecord> chunksOf(UUID source, String itemId) {
		return this.vectorStore.chunksOf(ChunkIds.documentId(source.toString(), itemId),
				SearchFilter.forPrincipals(List.of(SearchFilter.ALL)));
	}

}
