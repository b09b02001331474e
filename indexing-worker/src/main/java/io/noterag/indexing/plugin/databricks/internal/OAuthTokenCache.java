package io.noterag.indexing.plugin.databricks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

import io.noterag.shared.source.plugin.SourceAuthenticationException;

/**
 * OAuth machine-to-machine tokens ({@code client_credentials} grant on the workspace's
 * {@code /oidc/v1/token}, scope {@code all-apis}), kept until shortly before they expire
 * and shared by every call with the same workspace and client. Entries are keyed by a
 * hash of the secret, so that a changed secret gets a new token and the secret itself is
 * never a key.
 */
public final class OAuthTokenCache {

	private static final String SCOPE = "all-apis";

	private static final Duration MAX_EARLY_RENEWAL = Duration.ofMinutes(1);

	private final DatabricksHttp http;

	private final Clock clock;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	public OAuthTokenCache(DatabricksHttp http, Clock clock) {
		this.http = http;
		this.clock = clock;
	}

	/**
	 * The tokens of one service principal in one workspace.
	 * @param workspaceUrl the workspace
	 * @param clientId the service principal's client id
	 * @param clientSecret its secret
	 * @return the tokens
	 */
	public AccessTokens tokens(String workspaceUrl, String clientId, String clientSecret) {
		String key = workspaceUrl + "\n" + clientId + "\n" + sha256(clientSecret);
		return this.clients.computeIfAbsent(key,
				(k) -> new Client(workspaceUrl + "/oidc/v1/token", clientId, clientSecret));
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final class Client implements AccessTokens {

		private final String tokenUrl;

		private final String clientId;

		private final String clientSecret;

		private String token;

		private Instant renewAt = Instant.MIN;

		Client(String tokenUrl, String clientId, String clientSecret) {
			this.tokenUrl = tokenUrl;
			this.clientId = clientId;
			this.clientSecret = clientSecret;
		}

		@Override
		public synchronized String token() {
			Instant now = OAuthTokenCache.this.clock.instant();
			if (this.token == null || !now.isBefore(this.renewAt)) {
				JsonNode answer = OAuthTokenCache.this.http.clientCredentials(this.tokenUrl, this.clientId,
						this.clientSecret, SCOPE);
				String accessToken = answer.path("access_token").asString("");
				if (accessToken.isBlank()) {
					throw new SourceAuthenticationException("The Databricks token endpoint gave no access token.");
				}
				long expiresIn = answer.path("expires_in").asLong(3600);
				Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn));
				Duration early = lifetime.dividedBy(2).compareTo(MAX_EARLY_RENEWAL) < 0 ? lifetime.dividedBy(2)
						: MAX_EARLY_RENEWAL;
				this.token = accessToken;
				this.renewAt = now.plus(lifetime).minus(early);
			}
			return this.token;
		}

		@Override
		public synchronized boolean renew(String refused) {
			if (refused.equals(this.token)) {
				this.token = null;
			}
			return true;
		}

	}

}
