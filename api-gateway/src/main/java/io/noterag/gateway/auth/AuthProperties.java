package io.noterag.gateway.auth;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in, tokens and the service clients.
 *
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of each refresh token (every refresh issues a new one)
 * @param dev the {@code dev} identity provider
 * @param serviceClients client ids allowed to obtain service tokens with client
 * credentials; they share the secret {@code noterag.security.client-secret}
 * @param signingKey where the RS256 signing key comes from
 * @param requireStrongClientSecret refuse to start while the client secret is the
 * development default or shorter than 16 characters (on in the {@code prod} profile)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.auth")
public record AuthProperties(@NotNull @DefaultValue("15m") Duration accessTokenTtl,
		@NotNull @DefaultValue("14d") Duration refreshTokenTtl, @Valid @DefaultValue Dev dev, @NotEmpty @DefaultValue( {
				"document-service", "indexing-worker", "query-service", "conversation-service",
				"multimodal-service" }) List<String> serviceClients,
		@Valid @DefaultValue SigningKey signingKey, @DefaultValue("false") boolean requireStrongClientSecret){

	/**
	 * The {@code dev} provider: signs anyone in by a user name, without a password. For a
	 * single machine only.
	 *
	 * @param enabled whether {@code "provider":"dev"} is accepted
	 */
	public record Dev(@DefaultValue("false") boolean enabled) {

	}

	/**
	 * The signing key. Unset: the key in the {@code signing_keys} table, made on first
	 * start. Set: this PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}), the same on every
	 * replica, and the database holds no private key.
	 *
	 * @param privateKeyLocation e.g. {@code file:/run/secrets/jwt-signing-key.pem}
	 */
	public record SigningKey(Resource privateKeyLocation) {

	}

}
