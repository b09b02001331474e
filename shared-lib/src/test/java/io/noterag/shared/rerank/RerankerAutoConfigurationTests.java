package io.noterag.shared.rerank;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ai.onnxruntime.OrtSession;
import io.noterag.shared.rerank.http.HttpReranker;
import io.noterag.shared.rerank.onnx.OnnxReranker;
import io.noterag.shared.rerank.onnx.TinyCrossEncoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RerankerAutoConfigurationTests {

	@TempDir
	static Path files;

	static Path model;

	static Path tokenizer;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RerankerAutoConfiguration.class));

	@BeforeAll
	static void writeModel() {
		model = TinyCrossEncoders.termOverlap(files.resolve("model.onnx"));
		tokenizer = TinyCrossEncoders.tokenizer(files.resolve("tokenizer.json"));
	}

	@Test
	void shouldProvideNoRerankerByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Reranker.class);
			assertThat(context.getBean(RerankProperties.class).type()).isEqualTo("none");
		});
	}

	@Test
	void shouldProvideNoRerankerWhenTypeIsNone() {
		this.runner
			.withPropertyValues("noterag.rerank.type=none", "noterag.rerank.http.url=https://api.cohere.com/v2/rerank")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(Reranker.class);
			});
	}

	@Test
	void shouldProvideTheHttpRerankerWithItsDefaults() {
		this.runner
			.withPropertyValues("noterag.rerank.type=http", "noterag.rerank.http.url=https://api.cohere.com/v2/rerank",
					"noterag.rerank.http.api-key=co-secret-key", "noterag.rerank.http.model=rerank-v3.5")
			.run((context) -> {
				assertThat(context).hasSingleBean(Reranker.class).hasSingleBean(HttpReranker.class);
				assertThat(context.getBean(Reranker.class).name()).isEqualTo("rerank-v3.5");
				RerankProperties.Http http = context.getBean(RerankProperties.class).http();
				assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(http.maxDocumentsPerRequest()).isEqualTo(100);
				assertThat(http.toString()).doesNotContain("co-secret-key");
				assertThat(context.getBean(Reranker.class).toString()).doesNotContain("co-secret-key");
			});
	}

	@Test
	void shouldFailNamingThePropertyWhenHttpHasNoUrl() {
		this.runner.withPropertyValues("noterag.rerank.type=http").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("noterag.rerank.http.url");
		});
	}

	@Test
	void shouldFailNamingThePropertyWhenTheUrlIsNotHttp() {
		this.runner.withPropertyValues("noterag.rerank.type=http", "noterag.rerank.http.url=ftp://example.org/rerank")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("noterag.rerank.http.url");
			});
	}

	@Test
	void shouldFailOnAnInvalidHttpSetting() {
		this.runner
			.withPropertyValues("noterag.rerank.type=http", "noterag.rerank.http.url=https://api.jina.ai/v1/rerank",
					"noterag.rerank.http.max-documents-per-request=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("maxDocumentsPerRequest");
			});
	}

	@Test
	void shouldProvideTheOnnxRerankerAndCloseItWithTheContext() {
		OnnxReranker[] kept = new OnnxReranker[1];
		this.runner
			.withPropertyValues("noterag.rerank.type=onnx", "noterag.rerank.onnx.model-path=" + model,
					"noterag.rerank.onnx.tokenizer-path=" + tokenizer, "noterag.rerank.onnx.batch-size=4")
			.run((context) -> {
				assertThat(context).hasSingleBean(Reranker.class).hasSingleBean(OnnxReranker.class);
				RerankProperties.Onnx onnx = context.getBean(RerankProperties.class).onnx();
				assertThat(onnx.maxLength()).isEqualTo(512);
				assertThat(onnx.batchSize()).isEqualTo(4);
				assertThat(onnx.intraOpThreads()).isEqualTo(1);
				kept[0] = context.getBean(OnnxReranker.class);
				assertThat(kept[0].score("red apple", List.of("apple", "pear"))).hasSize(2);
			});
		assertThatIllegalStateException().isThrownBy(() -> kept[0].score("red apple", List.of("apple")))
			.withMessageContaining("closed");
	}

	@Test
	void shouldFailNamingThePropertyAndPathWhenTheModelFileIsMissing() {
		Path missing = files.resolve("missing/model.onnx");
		this.runner
			.withPropertyValues("noterag.rerank.type=onnx", "noterag.rerank.onnx.model-path=" + missing,
					"noterag.rerank.onnx.tokenizer-path=" + tokenizer)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("noterag.rerank.onnx.model-path")
					.hasMessageContaining(missing.toString());
			});
	}

	@Test
	void shouldFailNamingThePropertyAndPathWhenTheTokenizerFileIsMissing() {
		Path missing = files.resolve("missing/tokenizer.json");
		this.runner
			.withPropertyValues("noterag.rerank.type=onnx", "noterag.rerank.onnx.model-path=" + model,
					"noterag.rerank.onnx.tokenizer-path=" + missing)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("noterag.rerank.onnx.tokenizer-path")
					.hasMessageContaining(missing.toString());
			});
	}

	@Test
	void shouldFailNamingThePropertyWhenOnnxHasNoModelPath() {
		this.runner.withPropertyValues("noterag.rerank.type=onnx").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("noterag.rerank.onnx.model-path is not set");
		});
	}

	@Test
	void shouldFailWhenOnnxIsChosenWithoutOnnxRuntime() {
		this.runner.withClassLoader(new FilteredClassLoader(OrtSession.class))
			.withPropertyValues("noterag.rerank.type=onnx", "noterag.rerank.onnx.model-path=" + model,
					"noterag.rerank.onnx.tokenizer-path=" + tokenizer)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining("noterag.rerank.type=onnx")
					.hasMessageContaining("ONNX Runtime");
			});
	}

	@Test
	void shouldFailNamingThePropertyForAnUnknownType() {
		this.runner.withPropertyValues("noterag.rerank.type=cohere").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("noterag.rerank.type=cohere")
				.hasMessageContaining("http");
		});
	}

	@Test
	void shouldLeaveAServicesOwnRerankerInPlace() {
		Reranker own = new Reranker() {

			@Override
			public List<Double> score(String query, List<String> passages) {
				return passages.stream().map((passage) -> 0.0).toList();
			}

			@Override
			public String name() {
				return "own";
			}

		};
		this.runner.withBean(Reranker.class, () -> own)
			.withPropertyValues("noterag.rerank.type=http", "noterag.rerank.http.url=https://api.cohere.com/v2/rerank")
			.run((context) -> assertThat(context).getBean(Reranker.class).isSameAs(own));
	}

}
