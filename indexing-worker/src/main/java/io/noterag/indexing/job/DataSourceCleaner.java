package io.noterag.indexing.job;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.shared.vector.VectorStore;

/** Removes everything a deleted data source had indexed. */
public class DataSourceCleaner {

	private static final Logger logger = LoggerFactory.getLogger(DataSourceCleaner.class);

	private final VectorStore vectorStore;

	private final IndexWriteLock lock;

	DataSourceCleaner(VectorStore vectorStore, IndexWriteLock lock) {
		this.vectorStore = vectorStore;
		this.lock = lock;
	}

	/**
	 * Deletes a data source's chunks; idempotent.
	 * @param dataSourceId the data source
	 */
	public void deleteDataSource(UUID dataSourceId) {
		this.lock.lock();
		try {
			this.vectorStore.deleteDataSource(dataSourceId.toString());
			logger.info("Removed the chunks of deleted data source {}", dataSourceId);
		}
		finally {
			this.lock.unlock();
		}
	}

}
