package io.noterag.indexing.extraction;

import java.util.List;
import java.util.Map;

/**
 * The text of a file, structured into blocks.
 *
 * @param title the document's title (metadata title, first heading, or file name)
 * @param contentType the detected media type, without parameters
 * @param blocks the blocks in reading order
 * @param metadata facts found while parsing ({@code author}, {@code page_count},
 * {@code truncated}), only those actually present
 */
public record ExtractedDocument(String title, String contentType, List<Block> blocks, Map<String, Object> metadata) {

	public ExtractedDocument {
		blocks = List.copyOf(blocks);
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Whether any block carries text.
	 * @return whether there is something to index
	 */
	public boolean hasText() {
		return this.blocks.stream().anyMatch((block) -> !block.text().isBlank());
	}

}
