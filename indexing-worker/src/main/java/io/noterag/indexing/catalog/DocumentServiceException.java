package io.noterag.indexing.catalog;

/**
 * A call to document-service that did not succeed. Unless it is one of the subclasses, it
 * is transient (document-service unreachable, overloaded, or refusing the service token)
 * and the job is retried later.
 */
public class DocumentServiceException extends RuntimeException {

	public DocumentServiceException(String message, Throwable cause) {
		super(message, cause);
	}

	/** The source or job no longer exists: nothing to do. */
	public static class NotFound extends DocumentServiceException {

		public NotFound(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** The job has already finished: a late or repeated message. */
	public static class JobAlreadyFinished extends DocumentServiceException {

		public JobAlreadyFinished(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * document-service refused the data of one item: that item fails, the job goes on.
	 */
	public static class Rejected extends DocumentServiceException {

		public Rejected(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
