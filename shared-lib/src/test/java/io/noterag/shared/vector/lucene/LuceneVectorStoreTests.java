package io.noterag.shared.vector.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.Bm25;
import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStoreContractTests;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LuceneVectorStoreTests extends VectorStoreContractTests {

	private static final Duration REFRESH = Duration.ofMillis(50);

	@TempDir
	Path directory;

	private final List<LuceneVectorStore> opened = new ArrayList<>();

	@Override
	protected VectorStore createStore() {
		// the whole contract runs through the chunk cache
		return new LuceneVectorStore(this.directory.resolve("contract"), LuceneVectorStore.Mode.WRITER,
				Duration.ofMillis(500), Duration.ZERO, null, Bm25.DEFAULT, 100);
	}

	@AfterEach
	void closeOthers() {
		this.opened.forEach(LuceneVectorStore::close);
	}

	@Test
	void shouldServeRepeatedResultsFromTheChunkCacheAndNeverAReplacedChunk() {
		Path index = this.directory.resolve("cached");
		LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);
		LuceneVectorStore reader = new LuceneVectorStore(index, LuceneVectorStore.Mode.READER, REFRESH, Duration.ZERO,
				null, Bm25.DEFAULT, 100);
		this.opened.add(reader);
		writer.replaceDocument(doc("a"), List.of(chunk("a", 0).text("the ferry leaves at nine").build()));
		awaitTrue(() -> reader.count() == 1);

		assertThat(reader.keywordSearch("ferry", 5, EVERYTHING).get(0).chunk().text()).contains("nine");
		long missesAfterFirst = reader.chunkCacheMisses();
		assertThat(reader.keywordSearch("ferry", 5, EVERYTHING).get(0).chunk().text()).contains("nine");
		assertThat(reader.chunkCacheMisses()).isEqualTo(missesAfterFirst);
		assertThat(reader.chunkCacheHits()).isPositive();

		writer.replaceDocument(doc("a"), List.of(chunk("a", 0).text("the ferry leaves at ten").build()));
		awaitTrue(() -> reader.keywordSearch("ferry", 5, EVERYTHING).get(0).chunk().text().contains("ten"));
	}

	@Test
	void shouldShowAnotherProcessTheWritesAfterItsReaderRefreshes() {
		Path index = this.directory.resolve("shared");
		LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);
		LuceneVectorStore reader = open(index, LuceneVectorStore.Mode.READER, Duration.ZERO);
		assertThat(reader.count()).isZero();

		writer.replaceDocument(doc("a"),
				List.of(chunk("a", 0).text("the ferry leaves at nine").build(), chunk("a", 1).build()));

		awaitTrue(() -> reader.count() == 2);
		assertThat(documentIds(reader.keywordSearch("ferry", 5, EVERYTHING))).containsExactly(doc("a"));

		writer.deleteDocument(doc("a"));

		awaitTrue(() -> reader.count() == 0);
		assertThat(reader.keywordSearch("ferry", 5, EVERYTHING)).isEmpty();
	}

	@Test
	void shouldBehaveAsAnEmptyIndexUntilTheWriterCreatesIt() {
		Path index = this.directory.resolve("not-yet");
		LuceneVectorStore reader = open(index, LuceneVectorStore.Mode.READER, Duration.ZERO);

		assertThat(reader.count()).isZero();
		assertThat(reader.denseSearch(axis(0), 5, EVERYTHING)).isEmpty();
		assertThat(reader.keywordSearch("ferry", 5, EVERYTHING)).isEmpty();
		assertThat(reader.hybridSearch(hybrid("ferry", axis(0), EVERYTHING))).isEmpty();
		assertThat(reader.chunksOf(doc("a"), EVERYTHING)).isEmpty();

		LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);
		writer.replaceDocument(doc("a"), List.of(chunk("a", 0).text("the ferry leaves at nine").build()));

		awaitTrue(() -> reader.keywordSearch("ferry", 5, EVERYTHING).size() == 1);
	}

	@Test
	void shouldRefuseASecondWriterOnTheSameDirectory() {
		Path index = this.directory.resolve("one-writer");
		open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);

		assertThatIllegalStateException().isThrownBy(() -> open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO))
			.withMessageContaining("already open for writing")
			.withMessageContaining("noterag.vector-store.lucene.mode");
	}

	@Test
	void shouldReleaseTheWriteLockOnCloseAndKeepTheData() {
		Path index = this.directory.resolve("reopen");
		LuceneVectorStore first = LuceneVectorStore.writer(index);
		first.replaceDocument(doc("a"), List.of(chunk("a", 0).build(), chunk("a", 1).build()));
		first.close();

		LuceneVectorStore second = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);

		assertThat(second.count()).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(first::count).withMessageContaining("closed");
	}

	@Test
	void shouldRefuseWritesInReaderMode() {
		Path index = this.directory.resolve("read-only");
		LuceneVectorStore reader = open(index, LuceneVectorStore.Mode.READER, Duration.ZERO);

		assertThatIllegalStateException()
			.isThrownBy(() -> reader.replaceDocument(doc("a"), List.of(chunk("a", 0).build())))
			.withMessageContaining("reader");
		assertThatIllegalStateException().isThrownBy(() -> reader.deleteDocument(doc("a")));
		assertThatIllegalStateException().isThrownBy(() -> reader.deleteDataSource("test-source"));
	}

	@Test
	void shouldHaveCommittedAWriteByTheTimeTheCallReturns() throws Exception {
		for (Duration commitInterval : List.of(Duration.ZERO, Duration.ofMillis(200))) {
			Path index = this.directory.resolve("durable-" + commitInterval.toMillis());
			LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, commitInterval);

			writer.replaceDocument(doc("a"), List.of(chunk("a", 0).build(), chunk("a", 1).build()));

			// what another process would see right now, without the writer's help
			try (Directory dir = FSDirectory.open(index); DirectoryReader committed = DirectoryReader.open(dir)) {
				assertThat(committed.numDocs()).as("commit interval %s", commitInterval).isEqualTo(2);
			}
		}
	}

	@Test
	void shouldShareCommitsBetweenConcurrentWritersWithoutLosingAny() throws Exception {
		for (Duration commitInterval : List.of(Duration.ZERO, Duration.ofMillis(100))) {
			Path index = this.directory.resolve("group-commit-" + commitInterval.toMillis());
			LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, commitInterval);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> writes = new ArrayList<>();
				for (int i = 0; i < 40; i++) {
					String name = "doc-" + i;
					writes.add(pool.submit(() -> {
						writer.replaceDocument(doc(name), List.of(chunk(name, 0).build()));
						// committed when the call returns: another process sees it now
						try (Directory dir = FSDirectory.open(index);
								DirectoryReader committed = DirectoryReader.open(dir)) {
							assertThat(committed.docFreq(new Term(ChunkDocuments.DOCUMENT_ID, doc(name)))).isEqualTo(1);
						}
						// and the writer searches its own write at once
						assertThat(writer.chunksOf(doc(name), SearchFilter.forPrincipals(List.of(SearchFilter.ALL))))
							.hasSize(1);
						return null;
					}));
				}
				for (Future<?> write : writes) {
					write.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			try (Directory dir = FSDirectory.open(index); DirectoryReader committed = DirectoryReader.open(dir)) {
				assertThat(committed.numDocs()).as("commit interval %s", commitInterval).isEqualTo(40);
			}
		}
	}

	@Test
	void shouldNeverShowAReaderHalfOfAReplacedDocument() throws Exception {
		Path index = this.directory.resolve("atomic");
		LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);
		LuceneVectorStore reader = open(index, LuceneVectorStore.Mode.READER, Duration.ZERO);
		writer.replaceDocument(doc("a"), version("a", "v0", 3));
		awaitTrue(() -> reader.chunksOf(doc("a"), EVERYTHING).size() == 3);
		AtomicBoolean writing = new AtomicBoolean(true);
		Set<String> seen = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> readerTask = pool.submit(() -> {
				while (writing.get()) {
					for (VectorStore store : List.of(writer, reader)) {
						List<ChunkRecord> chunks = store.chunksOf(doc("a"), EVERYTHING);
						Set<String> versions = chunks.stream()
							.map((chunk) -> chunk.text().split(" ")[0])
							.collect(Collectors.toSet());
						assertThat(versions).hasSize(1);
						assertThat(chunks).hasSize(chunks.get(0).text().startsWith("v3") ? 2 : 3);
						seen.addAll(versions);
					}
				}
			});
			for (int i = 1; i <= 16; i++) {
				writer.replaceDocument(doc("a"), version("a", "v" + (i % 4), (i % 4 == 3) ? 2 : 3));
			}
			writing.set(false);
			readerTask.get(30, TimeUnit.SECONDS);
		}
		finally {
			writing.set(false);
			pool.shutdownNow();
		}
		assertThat(seen).hasSizeGreaterThan(1);
	}

	@Test
	void shouldRejectVectorsOfAnotherDimensionWithAClearMessage() {
		LuceneVectorStore writer = open(this.directory.resolve("dimension"), LuceneVectorStore.Mode.WRITER,
				Duration.ZERO);
		writer.replaceDocument(doc("a"), List.of(chunk("a", 0).build()));

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> writer.replaceDocument(doc("b"), List.of(chunk("b", 0).vector(new float[] { 1, 2 }).build())))
			.withMessageContaining("dimension 2")
			.withMessageContaining("dimension " + DIMENSION);
		assertThatIllegalArgumentException().isThrownBy(() -> writer.denseSearch(new float[] { 1, 2 }, 5, EVERYTHING))
			.withMessageContaining("dimension 2");
		assertThat(writer.count()).isEqualTo(1);
	}

	@Test
	void shouldRefuseToOpenAnIndexWhoseDimensionDiffersFromTheConfiguredOne() {
		Path index = this.directory.resolve("configured-dimension");
		LuceneVectorStore first = LuceneVectorStore.writer(index);
		first.replaceDocument(doc("a"), List.of(chunk("a", 0).build()));
		first.close();

		assertThatIllegalStateException()
			.isThrownBy(() -> new LuceneVectorStore(index, LuceneVectorStore.Mode.WRITER, REFRESH, Duration.ZERO, 384))
			.withMessageContaining("noterag.vector-store.lucene.dimension");
		// the failed attempt released the lock
		assertThat(open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO).count()).isEqualTo(1);
	}

	@Test
	void shouldIndexVectorsWiderThanLucenesDefaultLimitAndLetAPlainReaderSearchThem() throws Exception {
		Path index = this.directory.resolve("wide");
		LuceneVectorStore writer = open(index, LuceneVectorStore.Mode.WRITER, Duration.ZERO);
		float[] near = new float[3072];
		near[0] = 1;
		float[] far = new float[3072];
		far[3071] = 1;

		writer.replaceDocument(doc("near"), List.of(chunk("near", 0).vector(near).build()));
		writer.replaceDocument(doc("far"), List.of(chunk("far", 0).vector(far).build()));

		LuceneVectorStore reader = open(index, LuceneVectorStore.Mode.READER, Duration.ZERO);
		assertThat(documentIds(reader.denseSearch(near, 2, EVERYTHING))).containsExactly(doc("near"), doc("far"));
		try (Directory dir = FSDirectory.open(index); DirectoryReader plain = DirectoryReader.open(dir)) {
			assertThat(plain.numDocs()).isEqualTo(2);
		}
	}

	@Test
	void shouldRejectChunksOfAnotherDocument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.replaceDocument(doc("a"), List.of(chunk("b", 0).build())))
			.withMessageContaining(doc("b"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.replaceDocument(doc("a"), List.of(chunk("a", 0).vector(null).build())))
			.withMessageContaining("no vector");
	}

	private List<ChunkRecord> version(String name, String version, int chunks) {
		List<ChunkRecord> records = new ArrayList<>();
		for (int i = 0; i < chunks; i++) {
			records.add(chunk(name, i).text(version + " part " + i).build());
		}
		return records;
	}

	private LuceneVectorStore open(Path index, LuceneVectorStore.Mode mode, Duration commitInterval) {
		LuceneVectorStore store = new LuceneVectorStore(index, mode, REFRESH, commitInterval, null);
		this.opened.add(store);
		return store;
	}

	private static void awaitTrue(Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Condition not met within 10 seconds");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
