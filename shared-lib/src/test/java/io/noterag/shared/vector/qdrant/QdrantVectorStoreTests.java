package io.noterag.shared.vector.qdrant;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.VectorStoreContractTests;
import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link VectorStore} contract against a real Qdrant, run only when
 * {@code QDRANT_URL} points at its gRPC port (for example {@code http://localhost:6334};
 * {@code https://} uses TLS, {@code QDRANT_API_KEY} is sent when set). Each test uses its
 * own collection, {@code noterag_test_<run>_<n>}, deleted afterwards.
 */
class QdrantVectorStoreTests extends VectorStoreContractTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final AtomicInteger collections = new AtomicInteger();

	private static final String SKIPPED = "QDRANT_URL is not set: skipping the VectorStore contract suite against "
			+ "Qdrant (set it to a Qdrant gRPC address such as http://localhost:6334 to run it)";

	private static URI url;

	private QdrantClient client;

	private String collection;

	@BeforeAll
	static void readQdrantUrl() {
		String configured = System.getenv("QDRANT_URL");
		if (configured == null || configured.isBlank()) {
			System.out.println(SKIPPED);
			return;
		}
		url = URI.create(configured.trim());
	}

	@Override
	protected VectorStore createStore() {
		// skips each test, with the reason, when no Qdrant is configured
		Assumptions.assumeTrue(url != null, SKIPPED);
		boolean tls = "https".equalsIgnoreCase(url.getScheme());
		int port = (url.getPort() > 0) ? url.getPort() : 6334;
		this.client = QdrantVectorStore.connect(url.getHost(), port, tls, System.getenv("QDRANT_API_KEY"),
				Duration.ofSeconds(30));
		this.collection = "noterag_test_" + RUN + "_" + collections.incrementAndGet();
		return new QdrantVectorStore(this.client, this.collection, null, 64, 100, Duration.ofSeconds(30));
	}

	@AfterEach
	void deleteCollection() throws Exception {
		if (this.client != null && this.client.collectionExistsAsync(this.collection).get()) {
			this.client.deleteCollectionAsync(this.collection).get();
		}
	}

}
