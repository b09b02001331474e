package io.noterag.shared.vector.qdrant;

import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.lucene.VectorStoreProperties;
import io.qdrant.client.QdrantClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provides the {@link QdrantVectorStore} as the {@link VectorStore} when
 * {@code noterag.vector-store.type=qdrant} and {@code io.qdrant:client} (with its gRPC
 * runtime) and Lucene's analyzers (for the sparse vectors) are on the class path. It
 * connects over gRPC to {@code noterag.vector-store.qdrant.host}:{@code port} (6334),
 * with the optional API key and TLS, and uses (creating it when missing) the collection
 * {@code noterag.vector-store.qdrant.collection}.
 *
 * <p>
 * A missing host fails the start-up with a message naming the property; an unreachable
 * server or a collection of another shape fails it too, when the store opens. Without the
 * client library, {@code type=qdrant} fails through the Lucene auto-configuration's check
 * that some adapter provided the store. A service that defines its own
 * {@link VectorStore} bean replaces this one.
 */
@AutoConfiguration
@ConditionalOnClass(name = { "io.qdrant.client.QdrantClient", "io.grpc.ManagedChannel",
		"org.apache.lucene.analysis.en.EnglishAnalyzer" })
@ConditionalOnProperty(prefix = "noterag.vector-store", name = "type", havingValue = VectorStoreProperties.QDRANT)
@EnableConfigurationProperties(VectorStoreProperties.class)
public class QdrantVectorStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(VectorStore.class)
	QdrantVectorStore qdrantVectorStore(VectorStoreProperties properties) {
		VectorStoreProperties.Qdrant qdrant = properties.qdrant();
		if (qdrant.host() == null || qdrant.host().isBlank()) {
			throw new IllegalStateException("noterag.vector-store.type=qdrant but noterag.vector-store.qdrant.host "
					+ "is not set: set it (env NOTERAG_VECTOR_STORE_QDRANT_HOST) to the Qdrant server, with "
					+ "noterag.vector-store.qdrant.port for its gRPC port (6334 by default), or use "
					+ "noterag.vector-store.type=lucene for the embedded store");
		}
		QdrantClient client = QdrantVectorStore.connect(qdrant.host(), qdrant.port(), qdrant.useTls(), qdrant.apiKey(),
				qdrant.timeout());
		try {
			return new QdrantVectorStore(client, qdrant.collection(), qdrant.dimension(), qdrant.upsertBatchSize(),
					qdrant.bm25AverageLength(), properties.bm25().toBm25(), qdrant.timeout());
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

}
