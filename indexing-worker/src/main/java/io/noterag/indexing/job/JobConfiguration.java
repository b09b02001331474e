package io.noterag.indexing.job;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.vector.VectorStore;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
class JobConfiguration {

	@Bean
	IndexWriteLock indexWriteLock() {
		return new IndexWriteLock();
	}

	@Bean
	DataSourcePlugins dataSourcePlugins(List<DataSourcePlugin<?>> plugins) {
		return new DataSourcePlugins(plugins);
	}

	@Bean
	DocumentIndexer documentIndexer(TikaExtractor extractor, Chunker chunker, Embedder embedder,
			VectorStore vectorStore, DocumentServiceClient documentService, MultimodalServiceClient multimodal,
			JobProperties properties) {
		return new DocumentIndexer(extractor, chunker, embedder, vectorStore, documentService, multimodal,
				properties.embeddingBatchSize());
	}

	@Bean
	JobHeartbeats jobHeartbeats(DocumentServiceClient documentService, JobProperties properties) {
		return new JobHeartbeats(documentService, properties.heartbeatInterval());
	}

	@Bean
	SyncJobRunner syncJobRunner(DocumentServiceClient documentService, DataSourcePlugins plugins,
			ItemPublisher publisher, ObjectProvider<MeterRegistry> meters, JobHeartbeats heartbeats,
			JobProperties properties) {
		return new SyncJobRunner(documentService, plugins, publisher, meters.getIfAvailable(SimpleMeterRegistry::new),
				heartbeats, properties.retryFailedItems());
	}

	@Bean
	ItemProcessor itemProcessor(DocumentServiceClient documentService, MultimodalServiceClient multimodal,
			DataSourcePlugins plugins, DocumentIndexer indexer, VectorStore vectorStore, IndexWriteLock lock,
			ObjectProvider<MeterRegistry> meters) {
		return new ItemProcessor(documentService, multimodal, plugins, indexer, vectorStore, lock,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	DataSourceCleaner dataSourceCleaner(VectorStore vectorStore, MultimodalServiceClient multimodal,
			IndexWriteLock lock) {
		return new DataSourceCleaner(vectorStore, multimodal, lock);
	}

}
