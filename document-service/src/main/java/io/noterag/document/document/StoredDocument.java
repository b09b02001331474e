package io.noterag.document.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A document's metadata as stored, content hash included (the worker compares it).
 *
 * @param id {@code ChunkIds.documentId(dataSourceId, sourceId)}
 * @param sourceType the type of its data source
 * @param sourceId its id inside the source, e.g. a relative path
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
 * @param contentHash hash of its content when it was indexed
 */
public record StoredDocument(UUID id, String sourceType, String sourceId, UUID dataSourceId, String title,
		String contentType, String url, Instant createdAt, Instant modifiedAt, Instant indexedAt, List<String> tags,
		Map<String, Object> metadata, int chunkCount, String contentHash) {

	public DocumentView toView() {
		return new DocumentView(this.id, this.sourceType, this.sourceId, this.dataSourceId, this.title,
				this.contentType, this.url, this.createdAt, this.modifiedAt, this.indexedAt, this.tags, this.metadata,
				this.chunkCount);
	}

}
