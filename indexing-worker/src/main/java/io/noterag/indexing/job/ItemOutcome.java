package io.noterag.indexing.job;

/** What happened to one item of a job. */
sealed interface ItemOutcome {

	/**
	 * The item was new or changed and is now indexed.
	 *
	 * @param chunks how many chunks it has
	 */
	record Indexed(int chunks) implements ItemOutcome {
	}

	/** The item's content hash (or modification time) is the one already indexed. */
	record Unchanged() implements ItemOutcome {
	}

	/** The item is gone and its document removed. */
	record Deleted() implements ItemOutcome {
	}

	/**
	 * The item could not be indexed; the job goes on.
	 *
	 * @param reason why
	 */
	record Failed(String reason) implements ItemOutcome {
	}

}
