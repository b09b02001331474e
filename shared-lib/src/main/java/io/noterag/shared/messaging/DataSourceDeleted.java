package io.noterag.shared.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A data source was deleted with its documents' metadata; the indexing worker removes its
 * vectors. Published on {@link Topology#INDEXING_EXCHANGE} with
 * {@link Topology#SOURCE_DELETED}.
 *
 * @param dataSourceId the deleted data source
 * @param deletedAt when it was deleted
 */
public record DataSourceDeleted(UUID dataSourceId, Instant deletedAt) {
}
