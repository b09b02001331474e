package io.noterag.shared.source.plugin;

/**
 * The source refused the credentials: an administrator must fix them; retrying will not
 * help.
 */
public class SourceAuthenticationException extends SourceException {

	public SourceAuthenticationException(String message) {
		super(message);
	}

	public SourceAuthenticationException(String message, Throwable cause) {
		super(message, cause);
	}

}
