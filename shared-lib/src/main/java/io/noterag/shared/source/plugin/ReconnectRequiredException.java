package io.noterag.shared.source.plugin;

/**
 * The user's delegated consent is gone (refresh token revoked or expired): the source
 * needs its owner to connect their account again.
 */
public class ReconnectRequiredException extends SourceAuthenticationException {

	public ReconnectRequiredException(String message) {
		super(message);
	}

	public ReconnectRequiredException(String message, Throwable cause) {
		super(message, cause);
	}

}
