package io.noterag.document.secret;

/**
 * A sealed value cannot be opened: it was sealed with a key that is not configured, it
 * was altered, or it belongs to something else. The message never contains the value.
 */
public class SecretUnreadableException extends IllegalStateException {

	SecretUnreadableException(String message) {
		super(message);
	}

}
