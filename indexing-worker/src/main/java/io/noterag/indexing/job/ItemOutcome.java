package io.noterag.indexing.job;

/** What happened to one item of a job. */
sealed interface ItemOutcome {

	/**
	 * The item was new or changed and is now indexed.
	 *
	 * @param chunks how many chunks it has
	 * @param reported whether its job has already been told, with the document's metadata
	 */
	record Indexed(int chunks, boolean reported) implements ItemOutcome {

		Indexed(int chunks) {
			this(chunks, false);
		}

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
