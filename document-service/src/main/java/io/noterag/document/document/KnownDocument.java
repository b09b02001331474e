package io.noterag.document.document;

import java.time.Instant;
import java.util.UUID;

/**
 * What the worker needs to tell whether an item changed.
 *
 * @param id the document
 * @param sourceId its id inside the source
 * @param contentHash hash of its content when it was indexed
 * @param modifiedAt when it last changed at the source
 */
public record KnownDocument(UUID id, String sourceId, String contentHash, Instant modifiedAt) {

}
