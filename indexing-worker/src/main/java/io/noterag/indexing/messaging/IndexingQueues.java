package io.noterag.indexing.messaging;

/**
 * Names this worker adds to {@link io.noterag.shared.messaging.Topology}: the data source
 * deletion messages and the retry queue.
 */
public final class IndexingQueues {

	/** Routing key of {@link DataSourceDeleted} on the indexing exchange. */
	public static final String SOURCE_DELETED = "source.deleted";

	/** Queue the worker consumes deletions from. */
	public static final String SOURCE_DELETED_QUEUE = "indexing.source-deleted";

	/** Deletions that failed their last attempt. */
	public static final String SOURCE_DELETED_DEAD_LETTER_QUEUE = "indexing.source-deleted.dlq";

	/**
	 * Where messages wait before their next attempt: each carries its own delay as its
	 * expiration, then goes back to the indexing exchange with its routing key.
	 */
	public static final String RETRY_QUEUE = "indexing.retry";

	/** Header counting a message's attempts, 1 for the first delivery. */
	public static final String ATTEMPT_HEADER = "x-noterag-attempt";

	private IndexingQueues() {
	}

}
