package io.noterag.indexing.job;

import io.noterag.indexing.catalog.JobProgress;

/**
 * A run of a job that could not complete for a reason that may pass (document-service or
 * the index unavailable): the job is to be tried again.
 */
public class JobFailedException extends RuntimeException {

	private final transient JobProgress progress;

	public JobFailedException(String message, JobProgress progress, Throwable cause) {
		super(message, cause);
		this.progress = progress;
	}

	/**
	 * The counts reached before the failure.
	 * @return the counts
	 */
	public JobProgress progress() {
		return this.progress;
	}

}
