package io.noterag.indexing.catalog;

/**
 * An item of a job that could not be indexed.
 *
 * @param item the item (a relative path)
 * @param reason why
 */
public record ItemFailure(String item, String reason) {
}
