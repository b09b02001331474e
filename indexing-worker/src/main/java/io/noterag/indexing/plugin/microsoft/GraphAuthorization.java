package io.noterag.indexing.plugin.microsoft;

/**
 * The bearer token of one source, as {@link MicrosoftTokens} hands it out.
 */
public interface GraphAuthorization {

	/**
	 * A valid access token, taken from the cache or from the identity platform.
	 * @return the token; never log it
	 */
	String accessToken();

	/**
	 * Forgets the cached token, e.g. after Graph refused it, so that the next call to
	 * {@link #accessToken()} asks for a new one.
	 */
	void discard();

}
