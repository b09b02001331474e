package io.noterag.shared.test;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs access tokens the way the gateway does, for slice tests of a single service: an
 * RS256 key of the test run, its JWKS, and tokens for a user or a service.
 */
public final class TestTokens {

	private static final RSAKey KEY = generate();

	private TestTokens() {
	}

	public static JWKSet jwkSet() {
		return new JWKSet(KEY.toPublicJWK());
	}

	public static RSAKey key() {
		return KEY;
	}

	public static String user(String userId, String name, String role) {
		return sign(userId, name, name + "@example.test", role, Instant.now().plusSeconds(900));
	}

	public static String newUser(String role) {
		return user(UUID.randomUUID().toString(), "user-" + UUID.randomUUID().toString().substring(0, 8), role);
	}

	public static String service(String clientId) {
		return sign("service:" + clientId, clientId, null, "service", Instant.now().plusSeconds(900));
	}

	public static String expired(String role) {
		return sign(UUID.randomUUID().toString(), "late", "late@example.test", role, Instant.now().minusSeconds(3600));
	}

	public static String sign(String subject, String name, String email, String role, Instant expiresAt) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("noterag")
			.subject(subject)
			.issueTime(new Date())
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim("name", name)
			.claim("role", role);
		if (email != null) {
			claims.claim("email", email);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
					claims.build());
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-" + TestInfrastructure.RUN_ID).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
