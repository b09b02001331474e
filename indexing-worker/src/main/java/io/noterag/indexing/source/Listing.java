package io.noterag.indexing.source;

import java.util.List;

/**
 * What a walk of a source folder found.
 *
 * @param files the files to index, ordered by item id
 * @param rejected what cannot be indexed, ordered by item id
 */
public record Listing(List<SourceFile> files, List<RejectedItem> rejected) {

	public Listing {
		files = List.copyOf(files);
		rejected = List.copyOf(rejected);
	}

	/**
	 * Whether an item lies in a folder that could not be listed, so that its absence says
	 * nothing.
	 * @param itemId a known item's id
	 * @return whether it is below a rejected folder
	 */
	public boolean isBelowUnlistedFolder(String itemId) {
		return this.rejected.stream()
			.filter(RejectedItem::folder)
			.anyMatch((folder) -> itemId.equals(folder.itemId()) || itemId.startsWith(folder.itemId() + "/"));
	}

}
