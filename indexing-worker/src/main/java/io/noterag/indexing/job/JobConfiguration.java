package io.noterag.indexing.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.indexing.source.FileSystemSource;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.VectorStore;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
class JobConfiguration {

	@Bean
	IndexWriteLock indexWriteLock() {
		return new IndexWriteLock();
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService jobHeartbeatScheduler() {
		return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-heartbeat").daemon().factory());
	}

	@Bean
	DocumentIndexer documentIndexer(FileSystemSource files, TikaExtractor extractor, Chunker chunker, Embedder embedder,
			VectorStore vectorStore, DocumentServiceClient documentService, JobProperties properties) {
		return new DocumentIndexer(files, extractor, chunker, embedder, vectorStore, documentService,
				properties.embeddingBatchSize());
	}

	@Bean
	SyncJobRunner syncJobRunner(DocumentServiceClient documentService, FileSystemSource files, DocumentIndexer indexer,
			VectorStore vectorStore, JobProperties properties, ScheduledExecutorService jobHeartbeatScheduler,
			IndexWriteLock lock, ObjectProvider<MeterRegistry> meters) {
		return new SyncJobRunner(documentService, files, indexer, vectorStore, properties, jobHeartbeatScheduler, lock,
				meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
	}

	@Bean
	DataSourceCleaner dataSourceCleaner(VectorStore vectorStore, IndexWriteLock lock) {
		return new DataSourceCleaner(vectorStore, lock);
	}

}
