package io.noterag.document.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A document's metadata, written by the worker after it indexed the document.
 *
 * @param dataSourceId its data source
 * @param sourceType the type of that source
 * @param sourceId its id inside the source, e.g. a relative path
 * @param title its title
 * @param contentType its media type
 * @param url where to open it
 * @param createdAt when it was created at the source
 * @param modifiedAt when it last changed at the source
 * @param contentHash hash of the indexed content
 * @param tags its tags
 * @param metadata more about it
 * @param chunkCount how many chunks it was indexed as
 * @param jobId the sync job that indexed it, which counts the document's item as indexed
 * in the same transaction; {@code null} for none
 */
public record UpsertDocumentRequest(@NotNull UUID dataSourceId, @NotBlank @Size(max = 50) String sourceType,
		@NotBlank @Size(max = 500) String sourceId, @Size(max = 1000) String title, @Size(max = 100) String contentType,
		String url, Instant createdAt, Instant modifiedAt, @Size(max = 128) String contentHash,
		@Size(max = 200) List<@NotBlank @Size(max = 200) String> tags, Map<String, Object> metadata,
		@PositiveOrZero Integer chunkCount, UUID jobId) {

}
