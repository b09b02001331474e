package io.noterag.indexing.plugin.databricks.internal;

import java.net.URI;

/**
 * A workspace as one call sees it.
 *
 * @param url its URL, without a trailing slash
 * @param tokens where its bearer token comes from
 */
public record Workspace(String url, AccessTokens tokens) {

	/**
	 * The workspace's host, for messages.
	 * @return the host
	 */
	public String host() {
		String host = URI.create(this.url).getHost();
		return (host != null) ? host : this.url;
	}

}
