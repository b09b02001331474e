package io.noterag.shared.vector.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneVectorStoreAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LuceneVectorStoreAutoConfiguration.class));

	@Test
	void shouldOpenTheLuceneStoreAsAReaderByDefault() {
		this.runner.withPropertyValues("noterag.vector-store.lucene.path=" + this.directory).run((context) -> {
			assertThat(context).hasSingleBean(VectorStore.class);
			LuceneVectorStore store = context.getBean(LuceneVectorStore.class);
			assertThat(store.mode()).isEqualTo(LuceneVectorStore.Mode.READER);
			assertThat(store.path()).isEqualTo(this.directory.toAbsolutePath());
			VectorStoreProperties.Lucene lucene = context.getBean(VectorStoreProperties.class).lucene();
			assertThat(lucene.refreshInterval()).isEqualTo(Duration.ofMillis(500));
			assertThat(lucene.commitInterval()).isZero();
		});
	}

	@Test
	void shouldDefaultToTheDataFolderOfTheWorkingDirectory() {
		this.runner.run((context) -> assertThat(context.getBean(VectorStoreProperties.class).lucene().path())
			.isEqualTo(Path.of(".data/index")));
	}

	@Test
	void shouldOpenAWriterThatReleasesItsLockWhenTheContextCloses() {
		String[] writer = { "noterag.vector-store.type=lucene", "noterag.vector-store.lucene.mode=writer",
				"noterag.vector-store.lucene.path=" + this.directory,
				"noterag.vector-store.lucene.commit-interval=50ms" };
		this.runner.withPropertyValues(writer).run((context) -> {
			LuceneVectorStore store = context.getBean(LuceneVectorStore.class);
			assertThat(store.mode()).isEqualTo(LuceneVectorStore.Mode.WRITER);
			store.replaceDocument("doc-1", List.of(new ChunkRecord("chunk-1", "doc-1", 0, "hello", null, null, null,
					"filesystem", "ds", null, null, List.of("group:everyone"), null, new float[] { 1, 0 })));
		});
		this.runner.withPropertyValues(writer).run((context) -> {
			assertThat(context).hasNotFailed();
			List<ScoredChunk> hits = context.getBean(VectorStore.class)
				.hybridSearch(new HybridQuery("hello", new float[] { 1, 0 }, 1, 1, 1, 1, 60,
						SearchFilter.forPrincipals(List.of("group:everyone"))));
			assertThat(hits).extracting((hit) -> hit.chunk().id()).containsExactly("chunk-1");
		});
	}

	@Test
	void shouldFailWithTheResponsiblePropertyWhenTheChosenAdapterIsMissing() {
		this.runner.withPropertyValues("noterag.vector-store.type=qdrant").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("noterag.vector-store.type=qdrant")
				.hasMessageContaining("noterag.vector-store.type=lucene");
		});
	}

	@Test
	void shouldFailOnAnUnknownMode() {
		this.runner
			.withPropertyValues("noterag.vector-store.lucene.path=" + this.directory,
					"noterag.vector-store.lucene.mode=primary")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("noterag.vector-store.lucene.mode");
			});
	}

	@Test
	void shouldFailOnARefreshIntervalOfZero() {
		this.runner
			.withPropertyValues("noterag.vector-store.lucene.path=" + this.directory,
					"noterag.vector-store.lucene.refresh-interval=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("refreshInterval");
			});
	}

	@Test
	void shouldFailWhenASecondWriterOpensTheSameDirectory() {
		String[] writer = { "noterag.vector-store.lucene.mode=writer",
				"noterag.vector-store.lucene.path=" + this.directory };
		this.runner.withPropertyValues(writer).run((first) -> this.runner.withPropertyValues(writer).run((second) -> {
			assertThat(second).hasFailed();
			assertThat(second.getStartupFailure()).hasStackTraceContaining("already open for writing");
		}));
	}

	@Test
	void shouldBackOffWhenTheServiceDefinesItsOwnStore() {
		VectorStore own = org.mockito.Mockito.mock(VectorStore.class);
		this.runner.withBean(VectorStore.class, () -> own)
			.withPropertyValues("noterag.vector-store.lucene.path=" + this.directory)
			.run((context) -> assertThat(context).getBean(VectorStore.class).isSameAs(own));
	}

	@Test
	void shouldStayOutOfServicesWithoutLucene() {
		this.runner.withClassLoader(new FilteredClassLoader(IndexWriter.class))
			.withPropertyValues("noterag.vector-store.lucene.path=" + this.directory)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(VectorStore.class);
			});
	}

}
