package io.noterag.shared.vector.qdrant;

import java.time.Duration;

import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.lucene.LuceneVectorStoreAutoConfiguration;
import io.noterag.shared.vector.lucene.VectorStoreProperties;
import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantVectorStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LuceneVectorStoreAutoConfiguration.class, QdrantVectorStoreAutoConfiguration.class));

	@Test
	void shouldFailWithTheResponsiblePropertyWhenTheHostIsMissing() {
		this.runner.withPropertyValues("noterag.vector-store.type=qdrant").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("noterag.vector-store.qdrant.host")
				.hasStackTraceContaining("NOTERAG_VECTOR_STORE_QDRANT_HOST");
		});
	}

	@Test
	void shouldFailAtStartWhenQdrantCannotBeReached() {
		this.runner
			.withPropertyValues("noterag.vector-store.type=qdrant", "noterag.vector-store.qdrant.host=127.0.0.1",
					"noterag.vector-store.qdrant.port=1", "noterag.vector-store.qdrant.timeout=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("Qdrant collection check")
					.hasStackTraceContaining("noterag_chunks")
					.hasStackTraceContaining("UNAVAILABLE");
			});
	}

	@Test
	void shouldBindTheQdrantSettingsWithDefaultsAndNeverPrintTheApiKey() {
		this.runner
			.withPropertyValues("noterag.vector-store.qdrant.host=qdrant.internal",
					"noterag.vector-store.qdrant.api-key=s3cret", "noterag.vector-store.qdrant.use-tls=true")
			.run((context) -> {
				VectorStoreProperties.Qdrant qdrant = context.getBean(VectorStoreProperties.class).qdrant();
				assertThat(qdrant.host()).isEqualTo("qdrant.internal");
				assertThat(qdrant.port()).isEqualTo(6334);
				assertThat(qdrant.useTls()).isTrue();
				assertThat(qdrant.collection()).isEqualTo("noterag_chunks");
				assertThat(qdrant.timeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(qdrant.upsertBatchSize()).isEqualTo(256);
				assertThat(qdrant.dimension()).isNull();
				assertThat(qdrant.bm25AverageLength()).isEqualTo(100.0);
				assertThat(qdrant.toString()).doesNotContain("s3cret");
				assertThat(context).doesNotHaveBean(QdrantVectorStore.class);
			});
	}

	@Test
	void shouldRejectAnInvalidCollectionNameOrBatchSize() {
		this.runner
			.withPropertyValues("noterag.vector-store.qdrant.collection=no spaces",
					"noterag.vector-store.qdrant.upsert-batch-size=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("collection")
					.hasStackTraceContaining("upsertBatchSize");
			});
	}

	@Test
	void shouldBackOffWhenTheServiceDefinesItsOwnStore() {
		VectorStore own = org.mockito.Mockito.mock(VectorStore.class);
		this.runner.withBean(VectorStore.class, () -> own)
			.withPropertyValues("noterag.vector-store.type=qdrant")
			.run((context) -> assertThat(context).getBean(VectorStore.class).isSameAs(own));
	}

	@Test
	void shouldLeaveTypeQdrantToTheMissingAdapterCheckWithoutTheClientLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader(QdrantClient.class))
			.withPropertyValues("noterag.vector-store.type=qdrant", "noterag.vector-store.qdrant.host=localhost")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("no VectorStore adapter for 'qdrant' is on the class path");
			});
	}

}
