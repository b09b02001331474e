package io.noterag.shared.security;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service validates tokens and obtains its own.
 *
 * @param issuer expected {@code iss} of access tokens
 * @param jwksUri the gateway's JWKS
 * @param tokenUri the gateway's token endpoint for service tokens (client credentials)
 * @param clientId this service's client id; {@code spring.application.name} when unset
 * @param clientSecret this service's client secret
 * @param clockSkew tolerated clock difference
 */
@Validated
@ConfigurationProperties(prefix = "noterag.security")
public record SecurityProperties(@NotBlank @DefaultValue("noterag") String issuer,
		@NotBlank @DefaultValue("http://127.0.0.1:8080/oauth2/jwks") String jwksUri,
		@NotBlank @DefaultValue("http://127.0.0.1:8080/oauth2/token") String tokenUri, String clientId,
		@NotBlank @DefaultValue("dev-service-secret") String clientSecret,
		@NotNull @DefaultValue("30s") Duration clockSkew) {

	@Override
	public String toString() {
		return "SecurityProperties[issuer=" + this.issuer + ", jwksUri=" + this.jwksUri + ", tokenUri=" + this.tokenUri
				+ ", clientId=" + this.clientId + "]";
	}

}
