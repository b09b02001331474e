package io.noterag.indexing.catalog;

import java.time.Instant;

/**
 * A document document-service has recorded for a source.
 *
 * @param id the document id
 * @param sourceId the item's id inside the source (a relative path)
 * @param contentHash SHA-256 of the bytes last indexed
 * @param modifiedAt when the item last changed, as recorded
 */
public record KnownDocument(String id, String sourceId, String contentHash, Instant modifiedAt) {
}
