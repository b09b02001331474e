package io.noterag.document.secret;

/**
 * A secret had to be sealed but no key is configured.
 */
public class SecretKeyMissingException extends IllegalStateException {

	SecretKeyMissingException() {
		super("No key to encrypt secrets with: set noterag.secrets.key (env NOTERAG_SECRETS_KEY) to the base64 "
				+ "encoding of 32 random bytes, e.g. the output of 'openssl rand -base64 32'.");
	}

}
