package io.noterag.document.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A document as the public API shows it.
 *
 * @param id the document
 * @param sourceType the type of its data source
 * @param sourceId its id inside the source
 * @param dataSourceId its data source
 * @param title its title
 * @param contentType its media type
 * @param url where to open it
 * @param createdAt when it was created at the source
 * @param modifiedAt when it last changed at the source
 * @param indexedAt when it was last indexed
 * @param tags its tags
 * @param metadata more about it
 * @param chunkCount how many chunks it was indexed as
 */
public record DocumentView(UUID id, String sourceType, String sourceId, UUID dataSourceId, String title,
		String contentType, String url, Instant createdAt, Instant modifiedAt, Instant indexedAt, List<String> tags,
		Map<String, Object> metadata, int chunkCount) {

}
