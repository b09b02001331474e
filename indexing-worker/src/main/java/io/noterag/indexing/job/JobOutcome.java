package io.noterag.indexing.job;

/** How handling one sync request ended, when it did not throw. */
public enum JobOutcome {

	/** The source was listed, the plan recorded and one message per item published. */
	PLANNED,

	/**
	 * The job was finished as failed (unknown type, wrong configuration, credentials).
	 */
	FAILED,

	/** The job had already finished: the message was late or repeated. */
	ALREADY_FINISHED,

	/** The job or its source no longer exists. */
	GONE

}
