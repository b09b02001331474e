package io.noterag.indexing.catalog;

import java.util.List;

import io.noterag.shared.source.plugin.RejectedItem;

/**
 * What a job's listing found, recorded before its item messages are published.
 *
 * @param total the item messages published (items to index plus deletions)
 * @param rejected the items listed that will not be indexed, with their reasons
 * @param cursor what the next sync starts from once this job completes, or {@code null}
 */
public record JobPlan(int total, List<Rejected> rejected, String cursor) {

	public JobPlan {
		rejected = List.copyOf(rejected);
	}

	/**
	 * A plan from the plugin's rejected items.
	 * @param total the item messages published
	 * @param rejected the rejected items
	 * @param cursor the next cursor
	 * @return the plan
	 */
	public static JobPlan of(int total, List<RejectedItem> rejected, String cursor) {
		return new JobPlan(total, rejected.stream().map((item) -> new Rejected(item.itemId(), item.reason())).toList(),
				cursor);
	}

	/**
	 * An item that will not be indexed.
	 *
	 * @param itemId its id inside the source
	 * @param reason why
	 */
	public record Rejected(String itemId, String reason) {
	}

}
