package io.noterag.indexing.extraction;

/**
 * A file whose text could not be extracted. The message is the reason reported to the
 * user as the failed item's reason.
 */
public class ExtractionException extends Exception {

	public ExtractionException(String reason) {
		super(reason);
	}

	public ExtractionException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
