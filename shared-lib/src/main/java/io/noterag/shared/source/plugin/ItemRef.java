package io.noterag.shared.source.plugin;

import java.time.Instant;
import java.util.Map;

/**
 * An item as listed, before it is read. It travels in one message per item, so it holds
 * only small values.
 *
 * @param itemId the item's stable id inside its source (a page id, a drive item id, a
 * relative path, {@code table:catalog.schema.name})
 * @param title its title as listed, if known
 * @param modifiedAt when it last changed at the source, if known
 * @param version the source's version tag (eTag, cTag), if any
 * @param hints whatever the plugin needs to read it again (a content URL, a drive id)
 */
public record ItemRef(String itemId, String title, Instant modifiedAt, String version, Map<String, String> hints) {

	public ItemRef {
		if (itemId == null || itemId.isBlank()) {
			throw new IllegalArgumentException("An item needs an id.");
		}
		hints = (hints != null) ? Map.copyOf(hints) : Map.of();
	}

}
