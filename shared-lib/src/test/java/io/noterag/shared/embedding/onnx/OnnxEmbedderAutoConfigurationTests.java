package io.noterag.shared.embedding.onnx;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.noterag.shared.embedding.Embedder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbedderAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OnnxEmbedderAutoConfiguration.class));

	@Test
	void shouldEmbedInProcessByDefaultWithTheConfiguredPrefix() {
		this.runner
			.withPropertyValues("noterag.embedding.query-mode=prefixed", "noterag.embedding.query-prefix=query:",
					"noterag.embedding.onnx.parallelism=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(Embedder.class);
				OnnxEmbedder embedder = context.getBean(OnnxEmbedder.class);
				assertThat(embedder.queryPrefix()).isEqualTo("query: ");
				assertThat(embedder.embedQuery("ferry times")).containsExactly(
						embedder.embedDocuments(java.util.List.of("query: ferry times")).get(0), within(1e-5f));
				EmbeddingProperties properties = context.getBean(EmbeddingProperties.class);
				assertThat(properties.batchSize()).isEqualTo(32);
				assertThat(properties.onnx().effectiveIntraOpThreads())
					.isEqualTo(Runtime.getRuntime().availableProcessors());
			});
	}

	@Test
	void shouldEmbedOneTextPerProcessorWhenEachHasOneThreadAndOneAtATimeWithAThreadPerProcessor() {
		int processors = Runtime.getRuntime().availableProcessors();
		this.runner.withPropertyValues("noterag.embedding.onnx.intra-op-threads=1").run((context) -> {
			EmbeddingProperties.Onnx onnx = context.getBean(EmbeddingProperties.class).onnx();
			assertThat(onnx.effectiveParallelism()).isEqualTo(processors);
			assertThat(context.getBean(Embedder.class).threading())
				.isEqualTo(processors + " text(s) at a time, 1 ONNX thread(s) each");
		});
		this.runner.run((context) -> {
			EmbeddingProperties.Onnx onnx = context.getBean(EmbeddingProperties.class).onnx();
			assertThat(onnx.effectiveParallelism()).isEqualTo(1);
			assertThat(context.getBean(Embedder.class).threading())
				.isEqualTo("1 text(s) at a time, " + processors + " ONNX thread(s) each");
		});
		this.runner.withPropertyValues("noterag.embedding.onnx.intra-op-threads=0").run((context) -> {
			EmbeddingProperties.Onnx onnx = context.getBean(EmbeddingProperties.class).onnx();
			assertThat(onnx.effectiveParallelism()).isEqualTo(1);
			assertThat(context.getBean(Embedder.class).threading())
				.isEqualTo("1 text(s) at a time, ONNX Runtime's default threads");
		});
	}

	@Test
	void shouldEmbedQueriesBothPlainAndWithBgesInstructionUnlessConfigured() {
		this.runner.run((context) -> {
			OnnxEmbedder embedder = context.getBean(OnnxEmbedder.class);
			assertThat(embedder.queryMode()).isEqualTo(OnnxEmbedder.QueryMode.BOTH);
			assertThat(embedder.queryPrefix()).isEqualTo(OnnxEmbedder.BGE_QUERY_PREFIX);
		});
	}

	@Test
	void shouldEmbedPlainQueriesWhenAsked() {
		this.runner.withPropertyValues("noterag.embedding.query-mode=plain").run((context) -> {
			OnnxEmbedder embedder = context.getBean(OnnxEmbedder.class);
			assertThat(embedder.embedQuery("ferry times"))
				.containsExactly(embedder.embedDocuments(java.util.List.of("ferry times")).get(0), within(1e-5f));
		});
	}

	@Test
	void shouldFailWithTheResponsiblePropertyWhenTheChosenAdapterIsMissing() {
		this.runner.withPropertyValues("noterag.embedding.type=openai").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("noterag.embedding.type=openai")
				.hasMessageContaining("noterag.embedding.type=onnx");
		});
	}

	@Test
	void shouldFailOnABatchSizeOfZero() {
		this.runner.withPropertyValues("noterag.embedding.batch-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("batchSize");
		});
	}

	@Test
	void shouldStayOutOfServicesWithoutTheModel() {
		this.runner.withClassLoader(new FilteredClassLoader(BgeSmallEnV15QuantizedEmbeddingModel.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(Embedder.class);
			});
	}

}
