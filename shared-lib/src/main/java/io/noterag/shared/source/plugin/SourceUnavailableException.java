package io.noterag.shared.source.plugin;

/** The source cannot be reached or answered with a server error: try again later. */
public class SourceUnavailableException extends SourceException {

	public SourceUnavailableException(String message) {
		super(message);
	}

	public SourceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
