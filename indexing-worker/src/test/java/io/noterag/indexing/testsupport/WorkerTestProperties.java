package io.noterag.indexing.testsupport;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.noterag.indexing.catalog.LocalMultimodalService;

/**
 * The settings of a whole worker under test: the stand-ins of document-service and
 * multimodal-service, a Lucene index and the allowed source roots in a temporary folder,
 * and retries, heartbeats and item consumers short and few enough for a test.
 */
public final class WorkerTestProperties {

	private WorkerTestProperties() {
	}

	/**
	 * Registers the settings.
	 * @param registry the test's registry
	 * @param documentService the document-service stand-in (also the token endpoint)
	 * @param multimodal the multimodal-service stand-in
	 * @param temp the temporary folder: the index in {@code index}, the allowed roots in
	 * {@code roots}
	 */
	public static void register(DynamicPropertyRegistry registry, StubDocumentService documentService,
			LocalMultimodalService multimodal, Path temp) {
		registry.add("noterag.services.document-url", documentService::url);
		registry.add("noterag.services.multimodal-url", multimodal::url);
		registry.add("noterag.security.token-uri", documentService::tokenUrl);
		registry.add("noterag.vector-store.lucene.path", () -> temp.resolve("index").toString());
		registry.add("noterag.sources.filesystem.allowed-roots", () -> temp.resolve("roots").toString());
		registry.add("noterag.indexing.retry.delays", () -> "200ms,400ms");
		registry.add("noterag.indexing.items.concurrency", () -> "2");
		registry.add("noterag.indexing.job.heartbeat-interval", () -> "200ms");
	}

}
