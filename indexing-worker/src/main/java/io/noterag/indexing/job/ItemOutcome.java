package io.noterag.indexing.job;

/** What happened to one file of a job. */
sealed interface ItemOutcome {

	/**
	 * The file was new or changed and is now indexed.
	 *
	 * @param chunks how many chunks it has
	 */
	record Indexed(int chunks) implements ItemOutcome {
	}

	/** The file's content hash is the one already indexed. */
	record Unchanged() implements ItemOutcome {
	}

	/**
	 * The file could not be indexed; the job goes on.
	 *
	 * @param reason why
	 */
	record Failed(String reason) implements ItemOutcome {
	}

}
