package io.noterag.indexing.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A data source was deleted: its chunks are to be removed from the index. Same JSON shape
 * as document-service's message ({@code data_source_id}, {@code deleted_at}).
 *
 * @param dataSourceId the deleted source
 * @param deletedAt when
 */
public record DataSourceDeleted(UUID dataSourceId, Instant deletedAt) {
}
