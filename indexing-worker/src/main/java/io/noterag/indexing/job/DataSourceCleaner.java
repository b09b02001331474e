package io.noterag.indexing.job;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.shared.vector.VectorStore;

/**
 * Removes everything a deleted data source had indexed: its chunks, then the images
 * multimodal-service stored for its documents (whose ids nobody knows any more once
 * document-service has deleted them).
 */
public class DataSourceCleaner {

	private static final Logger logger = LoggerFactory.getLogger(DataSourceCleaner.class);

	private final VectorStore vectorStore;

	private final MultimodalServiceClient multimodal;

	private final IndexWriteLock lock;

	DataSourceCleaner(VectorStore vectorStore, MultimodalServiceClient multimodal, IndexWriteLock lock) {
		this.vectorStore = vectorStore;
		this.multimodal = multimodal;
		this.lock = lock;
	}

	/**
	 * Deletes a data source's chunks and images; idempotent, so a failed attempt is
	 * simply repeated. Both happen under the index lock, after the items of the source
	 * being indexed now, which might otherwise store images again.
	 * @param dataSourceId the data source
	 * @throws DocumentServiceException when multimodal-service cannot remove the images
	 */
	public void deleteDataSource(UUID dataSourceId) {
		this.lock.lock();
		try {
			this.vectorStore.deleteDataSource(dataSourceId.toString());
			logger.info("Removed the chunks of deleted data source {}", dataSourceId);
			this.multimodal.deleteImagesOfDataSource(dataSourceId);
			logger.info("Removed the images of deleted data source {}", dataSourceId);
		}
		finally {
			this.lock.unlock();
		}
	}

}
