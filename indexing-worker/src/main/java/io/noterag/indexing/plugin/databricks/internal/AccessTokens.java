package io.noterag.indexing.plugin.databricks.internal;

/** Where the bearer token of a workspace's calls comes from. */
public interface AccessTokens {

	/**
	 * The token to send now.
	 * @return the token
	 */
	String token();

	/**
	 * Forgets a token the workspace refused, when a new one can be obtained.
	 * @param refused the refused token
	 * @return whether asking {@link #token()} again may give a different token
	 */
	boolean renew(String refused);

	/**
	 * A personal access token: fixed, never renewed.
	 * @param token the token
	 * @return the tokens
	 */
	static AccessTokens personal(String token) {
		return new AccessTokens() {

			@Override
			public String token() {
				return token;
			}

			@Override
			public boolean renew(String refused) {
				return false;
			}

		};
	}

}
