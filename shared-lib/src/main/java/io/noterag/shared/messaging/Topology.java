package io.noterag.shared.messaging;

import java.time.Duration;
import java.util.List;

/**
 * Names of the RabbitMQ exchanges, routing keys and queues.
 * <p>
 * Work queues ({@link #SYNC_QUEUE}, {@link #ITEM_QUEUE}, {@link #SOURCE_DELETED_QUEUE})
 * dead-letter to {@link #DEAD_LETTER_EXCHANGE}, which routes by the original routing key
 * to one dead-letter queue per work queue ({@link #DEAD_LETTER_QUEUES}); a message there
 * keeps its routing key, its headers and RabbitMQ's {@code x-death}, so it can be
 * re-driven by publishing its body and headers again to {@link #INDEXING_EXCHANGE} with
 * that routing key (without {@link #ATTEMPT_HEADER} for a fresh set of attempts).
 * <p>
 * A message whose work failed waits in a retry queue, one per delay tier
 * ({@link #retryQueue(Duration)}), each with its own time to live and dead-lettering back
 * to {@link #INDEXING_EXCHANGE} with the message's own routing key. Retry queues are
 * bound to the headers exchange {@link #RETRY_DELAY_EXCHANGE} by
 * {@link #RETRY_TIER_HEADER}.
 */
public final class Topology {

	/** Topic exchange for indexing work. */
	public static final String INDEXING_EXCHANGE = "noterag.indexing";

	/** Routing key of {@link SyncRequested}. */
	public static final String SYNC_REQUESTED = "sync.requested";

	/** Queue the indexing worker consumes sync requests from. */
	public static final String SYNC_QUEUE = "indexing.sync-requested";

	/** Routing key of {@link ItemIndexRequested}. */
	public static final String ITEM_INDEX_REQUESTED = "item.index-requested";

	/** Queue the indexing worker consumes items from. */
	public static final String ITEM_QUEUE = "indexing.item-index-requested";

	/** Routing key of {@link DataSourceDeleted}. */
	public static final String SOURCE_DELETED = "source.deleted";

	/** Queue the indexing worker consumes deletions from. */
	public static final String SOURCE_DELETED_QUEUE = "indexing.source-deleted";

	/**
	 * Direct exchange of messages that failed their last attempt (or cannot be read),
	 * routed by their original routing key.
	 */
	public static final String DEAD_LETTER_EXCHANGE = "noterag.indexing.dlx";

	/** Sync requests that failed their last attempt. */
	public static final String SYNC_DEAD_LETTER_QUEUE = "indexing.sync-requested.dlq";

	/** Items that failed their last attempt. */
	public static final String ITEM_DEAD_LETTER_QUEUE = "indexing.item-index-requested.dlq";

	/** Deletions that failed their last attempt. */
	public static final String SOURCE_DELETED_DEAD_LETTER_QUEUE = "indexing.source-deleted.dlq";

	/** Every dead-letter queue, for an administrator to list and re-drive. */
	public static final List<String> DEAD_LETTER_QUEUES = List.of(SYNC_DEAD_LETTER_QUEUE, ITEM_DEAD_LETTER_QUEUE,
			SOURCE_DELETED_DEAD_LETTER_QUEUE);

	/** The work queue each dead-letter queue belongs to, by routing key. */
	public static final List<String> WORK_ROUTING_KEYS = List.of(SYNC_REQUESTED, ITEM_INDEX_REQUESTED, SOURCE_DELETED);

	/**
	 * Headers exchange that takes a message to the retry queue named by its
	 * {@link #RETRY_TIER_HEADER}.
	 */
	public static final String RETRY_DELAY_EXCHANGE = "noterag.indexing.retry-delay";

	/**
	 * Header naming the retry queue a message waits in (without the {@code x-} prefix,
	 * which a headers exchange ignores when matching).
	 */
	public static final String RETRY_TIER_HEADER = "noterag-retry-tier";

	/**
	 * Where an item of a throttled source waits for its own delay (a per-message
	 * expiration) before going back to the indexing exchange; not an attempt.
	 */
	public static final String THROTTLED_QUEUE = "indexing.throttled";

	/** Header counting a message's attempts, 1 for the first delivery. */
	public static final String ATTEMPT_HEADER = "x-noterag-attempt";

	private Topology() {
	}

	/**
	 * The retry queue of one delay tier: {@code indexing.retry.1m},
	 * {@code indexing.retry.200ms}. The delay is part of the name because a queue's time
	 * to live cannot change once declared.
	 * @param delay the tier's delay
	 * @return the queue's name
	 */
	public static String retryQueue(Duration delay) {
		return "indexing.retry." + compact(delay);
	}

	/**
	 * The dead-letter queue of a routing key.
	 * @param routingKey one of {@link #WORK_ROUTING_KEYS}
	 * @return its dead-letter queue
	 * @throws IllegalArgumentException for another routing key
	 */
	public static String deadLetterQueue(String routingKey) {
		return switch (routingKey) {
			case SYNC_REQUESTED -> SYNC_DEAD_LETTER_QUEUE;
			case ITEM_INDEX_REQUESTED -> ITEM_DEAD_LETTER_QUEUE;
			case SOURCE_DELETED -> SOURCE_DELETED_DEAD_LETTER_QUEUE;
			default -> throw new IllegalArgumentException("No dead-letter queue for routing key '" + routingKey + "'");
		};
	}

	static String compact(Duration delay) {
		long millis = delay.toMillis();
		if (millis <= 0) {
			throw new IllegalArgumentException("A retry delay must be positive: " + delay);
		}
		if (millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
