package io.noterag.shared.vector;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids, so that indexing the same thing twice overwrites instead of
 * duplicating, in every adapter.
 */
public final class ChunkIds {

	private ChunkIds() {
	}

	/**
	 * The id of a document: stable for one item of one data source.
	 * @param dataSourceId the data source
	 * @param itemId the item's id inside its source (a relative path, a page id)
	 * @return a name-based UUID
	 */
	public static String documentId(String dataSourceId, String itemId) {
		return UUID.nameUUIDFromBytes(("doc:" + dataSourceId + ":" + itemId).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/**
	 * The id of a chunk: stable for one position in one document.
	 * @param documentId the document
	 * @param chunkIndex the position
	 * @return a name-based UUID
	 */
	public static String chunkId(String documentId, int chunkIndex) {
		return UUID.nameUUIDFromBytes(("chunk:" + documentId + ":" + chunkIndex).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

}
