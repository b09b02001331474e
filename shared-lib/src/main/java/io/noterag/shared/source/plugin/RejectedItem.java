package io.noterag.shared.source.plugin;

/**
 * An item that was listed but will not be indexed, with the reason an administrator sees.
 *
 * @param itemId its id
 * @param reason why, without secrets
 */
public record RejectedItem(String itemId, String reason) {

}
