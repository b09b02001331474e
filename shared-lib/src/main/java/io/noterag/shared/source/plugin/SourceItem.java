package io.noterag.shared.source.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An item read from its source, ready to be extracted, chunked and embedded.
 *
 * @param itemId its stable id inside the source
 * @param title its title
 * @param url where a person opens it (a page's {@code oneNoteWebUrl}, a file's
 * {@code webUrl})
 * @param fileName a file name whose extension helps detection ({@code page.html})
 * @param mediaType its media type as the source says, if known ({@code text/html})
 * @param content its bytes (page HTML, file content, text written by the plugin)
 * @param createdAt when it was created, if known
 * @param modifiedAt when it last changed, if known
 * @param metadata what is worth keeping about it (notebook, section, table schema)
 * @param images its images, already read
 */
public record SourceItem(String itemId, String title, String url, String fileName, String mediaType, byte[] content,
		Instant createdAt, Instant modifiedAt, Map<String, Object> metadata, List<ItemImage> images) {

	public SourceItem {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		images = (images != null) ? List.copyOf(images) : List.of();
	}

}
