package io.noterag.document.messaging;

import java.time.Instant;
import java.util.UUID;

import io.noterag.shared.messaging.Topology;

/**
 * A data source was deleted with its documents' metadata; the indexing worker removes its
 * vectors. Published on {@link Topology#INDEXING_EXCHANGE} with {@link #ROUTING_KEY}.
 *
 * @param dataSourceId the deleted data source
 * @param deletedAt when it was deleted
 */
public record DataSourceDeleted(UUID dataSourceId, Instant deletedAt) {

	/** Routing key of this message. */
	public static final String ROUTING_KEY = "source.deleted";

	/** Queue the indexing worker consumes this message from. */
	public static final String QUEUE = "indexing.source-deleted";

	/** Queue of these messages that failed their last attempt. */
	public static final String DEAD_LETTER_QUEUE = "indexing.source-deleted.dlq";

}
