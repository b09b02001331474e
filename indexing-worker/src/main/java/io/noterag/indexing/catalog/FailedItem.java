package io.noterag.indexing.catalog;

/**
 * An item of a source whose most recent report was a failure, as document-service keeps
 * it, to be tried again by the next incremental sync.
 *
 * @param itemId the item's id inside its source
 * @param reason why it failed last, or {@code null}
 * @param failures how many jobs in a row reported it failed
 */
public record FailedItem(String itemId, String reason, int failures) {

}
