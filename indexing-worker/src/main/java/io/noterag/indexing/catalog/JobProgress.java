package io.noterag.indexing.catalog;

import java.util.List;

/**
 * The counts of a running job.
 *
 * @param seen items found
 * @param indexed items indexed (new or changed)
 * @param skippedUnchanged items whose content had not changed
 * @param deleted documents removed because their item is gone
 * @param failed items that could not be indexed
 * @param failures the failed items with reasons (possibly only the first ones)
 */
public record JobProgress(int seen, int indexed, int skippedUnchanged, int deleted, int failed,
		List<ItemFailure> failures) {

	public JobProgress {
		failures = List.copyOf(failures);
	}

}
