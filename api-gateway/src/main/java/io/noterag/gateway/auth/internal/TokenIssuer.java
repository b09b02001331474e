package io.noterag.gateway.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.noterag.shared.security.Roles;

/**
 * Signs access tokens: RS256 with the shared key, header {@code kid}; claims {@code iss},
 * {@code sub}, {@code name}, {@code email} (people only), {@code role}, {@code iat},
 * {@code exp}, {@code jti}.
 */
public class TokenIssuer {

	private final SigningKeys keys;

	private final String issuer;

	private final Duration ttl;

	public TokenIssuer(SigningKeys keys, String issuer, Duration ttl) {
		this.keys = keys;
		this.issuer = issuer;
		this.ttl = ttl;
	}

	public AccessToken forUser(UserAccount user) {
		return sign(user.id().toString(), user.name(), user.email(), user.role());
	}

	public AccessToken forService(String clientId) {
		return sign("service:" + clientId, clientId, null, Roles.SERVICE);
	}

	private AccessToken sign(String subject, String name, String email, String role) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.claim("name", name)
			.claim("role", role)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)))
			.jwtID(UUID.randomUUID().toString());
		if (email != null) {
			claims.claim("email", email);
		}
		RSAKey key = this.keys.signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return new AccessToken(jwt.serialize(), this.ttl.toSeconds());
	}

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWT
	 * @param expiresIn seconds until it expires
	 */
	public record AccessToken(String value, long expiresIn) {

	}

}
