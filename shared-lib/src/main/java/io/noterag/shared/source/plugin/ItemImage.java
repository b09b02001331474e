package io.noterag.shared.source.plugin;

/**
 * An image inside an item, e.g. a picture on a OneNote page.
 *
 * @param id its id inside the item (stable across syncs)
 * @param mediaType its media type ({@code image/png})
 * @param content its bytes
 * @param altText the text the page gives it, if any
 */
public record ItemImage(String id, String mediaType, byte[] content, String altText) {

}
