package io.noterag.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The services that may obtain service tokens (OAuth2 client credentials), all with the
 * shared secret {@code noterag.security.client-secret}. When strong secrets are required
 * (the {@code prod} profile), the application refuses to start with the development
 * default.
 */
class ServiceClients {

	static final String DEVELOPMENT_SECRET = "dev-service-secret";

	private final List<String> clientIds;

	private final byte[] secret;

	ServiceClients(List<String> clientIds, String secret, boolean requireStrongSecret) {
		if (requireStrongSecret && (DEVELOPMENT_SECRET.equals(secret) || secret.length() < 16)) {
			throw new IllegalStateException("noterag.security.client-secret (env NOTERAG_SECURITY_CLIENT_SECRET) "
					+ "must be set to a secret of at least 16 characters, not the development default, "
					+ "when noterag.auth.require-strong-client-secret is on (the prod profile)");
		}
		this.clientIds = List.copyOf(clientIds);
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
	}

	boolean authenticate(String clientId, String presentedSecret) {
		if (clientId == null || presentedSecret == null) {
			return false;
		}
		boolean secretMatches = MessageDigest.isEqual(this.secret, presentedSecret.getBytes(StandardCharsets.UTF_8));
		return secretMatches && this.clientIds.contains(clientId);
	}

}
