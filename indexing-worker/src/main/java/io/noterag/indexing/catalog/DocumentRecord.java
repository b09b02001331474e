package io.noterag.indexing.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A document's metadata, as upserted in document-service once its chunks are indexed.
 *
 * @param dataSourceId the data source
 * @param sourceType the source type
 * @param sourceId the item's id inside the source
 * @param title the title
 * @param contentType the detected media type
 * @param url where it lives ({@code file://...})
 * @param createdAt when the item was created
 * @param modifiedAt when it last changed
 * @param contentHash SHA-256 of its bytes, hex
 * @param tags its tags
 * @param metadata other facts found while extracting
 * @param chunkCount how many chunks are indexed
 * @param jobId the sync job that indexed it, which counts its item as indexed with the
 * same write; {@code null} for none
 */
public record DocumentRecord(UUID dataSourceId, String sourceType, String sourceId, String title, String contentType,
		String url, Instant createdAt, Instant modifiedAt, String contentHash, List<String> tags,
		Map<String, Object> metadata, int chunkCount, UUID jobId) {
}
