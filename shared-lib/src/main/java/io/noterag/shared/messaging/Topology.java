package io.noterag.shared.messaging;

/** Names of the RabbitMQ exchanges, routing keys and queues. */
public final class Topology {

	/** Topic exchange for indexing work. */
	public static final String INDEXING_EXCHANGE = "noterag.indexing";

	/** Routing key of {@link SyncRequested}. */
	public static final String SYNC_REQUESTED = "sync.requested";

	/** Queue the indexing worker consumes sync requests from. */
	public static final String SYNC_QUEUE = "indexing.sync-requested";

	/** Exchange that takes messages to retry after a delay, by routing key. */
	public static final String RETRY_EXCHANGE = "noterag.indexing.retry";

	/** Exchange of messages that failed their last attempt. */
	public static final String DEAD_LETTER_EXCHANGE = "noterag.indexing.dlx";

	/** Queue of sync requests that failed their last attempt. */
	public static final String SYNC_DEAD_LETTER_QUEUE = "indexing.sync-requested.dlq";

	/** Routing key of {@link DataSourceDeleted}. */
	public static final String SOURCE_DELETED = "source.deleted";

	/** Queue the indexing worker consumes deletions from. */
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

	private Topology() {
	}

}
