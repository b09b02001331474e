package io.noterag.indexing.job;

/** How handling one sync request ended, when it did not throw. */
public enum JobOutcome {

	/** The job ran and was finished (succeeded, completed with errors, or failed). */
	FINISHED,

	/** The job had already finished: the message was late or repeated. */
	ALREADY_FINISHED,

	/** The job or its source no longer exists. */
	GONE

}
