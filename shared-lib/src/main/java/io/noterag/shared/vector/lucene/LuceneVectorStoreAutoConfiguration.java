package io.noterag.shared.vector.lucene;

import io.noterag.shared.vector.VectorStore;
import org.apache.lucene.index.IndexWriter;

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
 * Provides the embedded {@link LuceneVectorStore} as the {@link VectorStore} when
 * {@code noterag.vector-store.type} is {@code lucene} or unset and Lucene is on the class
 * path, opened as {@code noterag.vector-store.lucene.mode} ({@code reader} by default,
 * {@code writer} in the indexing worker) on {@code noterag.vector-store.lucene.path}.
 *
 * <p>
 * In a service that carries the vector store libraries, an explicit
 * {@code noterag.vector-store.type} that no adapter on the class path provides fails the
 * start-up with a message naming the property, so a misspelt or missing adapter is never
 * first noticed at a search. Invalid settings (a zero refresh interval, an unknown mode)
 * fail the binding of {@link VectorStoreProperties}, and a second writer on one directory
 * fails when the store opens. A service that defines its own {@link VectorStore} bean
 * replaces the Lucene one.
 */
@AutoConfiguration
@EnableConfigurationProperties(VectorStoreProperties.class)
public class LuceneVectorStoreAutoConfiguration {

	@Bean
	@ConditionalOnClass(name = "org.apache.lucene.index.IndexWriter")
	@ConditionalOnProperty(prefix = "noterag.vector-store", name = "type")
	static VectorStoreSelectionCheck vectorStoreSelectionCheck(ListableBeanFactory beans, Environment environment) {
		return new VectorStoreSelectionCheck(beans, environment.getProperty("noterag.vector-store.type"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(IndexWriter.class)
	@ConditionalOnProperty(prefix = "noterag.vector-store", name = "type", havingValue = VectorStoreProperties.LUCENE,
			matchIfMissing = true)
	static class LuceneConfiguration {

		@Bean
		@ConditionalOnMissingBean(VectorStore.class)
		LuceneVectorStore luceneVectorStore(VectorStoreProperties properties) {
			VectorStoreProperties.Lucene lucene = properties.lucene();
			return new LuceneVectorStore(lucene.path(), lucene.mode(), lucene.refreshInterval(),
					lucene.commitInterval(), lucene.dimension(), properties.bm25().toBm25(), lucene.chunkCacheSize());
		}

	}

	/**
	 * Fails the start-up when {@code noterag.vector-store.type} names an adapter that did
	 * not provide a {@link VectorStore}.
	 */
	static final class VectorStoreSelectionCheck implements SmartInitializingSingleton {

		private final ListableBeanFactory beans;

		private final String type;

		VectorStoreSelectionCheck(ListableBeanFactory beans, String type) {
			this.beans = beans;
			this.type = type;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.beans.getBeanNamesForType(VectorStore.class).length > 0) {
				return;
			}
			throw new IllegalStateException("noterag.vector-store.type=" + this.type
					+ " but no VectorStore adapter for '" + this.type + "' is on the class path. "
					+ "Set noterag.vector-store.type=lucene (the embedded store, with "
					+ "noterag.vector-store.lucene.path and noterag.vector-store.lucene.mode) "
					+ "or add the module of the '" + this.type + "' adapter.");
		}

	}

}
