package io.noterag.shared.source.plugin;

import java.util.List;

/**
 * What a listing found.
 *
 * @param items the items to index (new or changed; unchanged ones are skipped later by
 * content hash)
 * @param deletedItemIds ids of items deleted at the source since the cursor
 * @param rejected items listed that cannot be indexed (too large, wrong type)
 * @param complete whether {@code items} and {@code rejected} together are everything the
 * source holds, so that any known item missing from them was deleted
 * @param nextCursor what to hand the next sync (a delta link), or {@code null}; stored
 * only once this sync has completed
 */
public record ChangeSet(List<ItemRef> items, List<String> deletedItemIds, List<RejectedItem> rejected, boolean complete,
		String nextCursor) {

	public ChangeSet {
		items = List.copyOf(items);
		deletedItemIds = (deletedItemIds != null) ? List.copyOf(deletedItemIds) : List.of();
		rejected = (rejected != null) ? List.copyOf(rejected) : List.of();
	}

	/**
	 * A full listing.
	 * @param items every item
	 * @param rejected the items that cannot be indexed
	 * @return the change set
	 */
	public static ChangeSet full(List<ItemRef> items, List<RejectedItem> rejected) {
		return new ChangeSet(items, List.of(), rejected, true, null);
	}

}
