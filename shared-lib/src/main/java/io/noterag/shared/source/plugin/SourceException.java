package io.noterag.shared.source.plugin;

/**
 * A failure talking to a source. Its message is shown to administrators, so it never
 * holds a secret.
 */
public class SourceException extends RuntimeException {

	public SourceException(String message) {
		super(message);
	}

	public SourceException(String message, Throwable cause) {
		super(message, cause);
	}

}
