package io.noterag.indexing.catalog;

import java.util.UUID;

/**
 * A sync job as document-service returns it when the worker starts it.
 *
 * @param id the job
 * @param sourceId its data source
 * @param state its state after the call ({@code running})
 */
public record JobState(UUID id, UUID sourceId, String state) {
}
