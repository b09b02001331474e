package io.noterag.document.source;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Redeems an authorization code at the Microsoft identity platform's token endpoint
 * ({@code {authority}/{tenant}/oauth2/v2.0/token}, authorization code grant with PKCE).
 * Its HTTP client is a plain one: the service-token interceptor of this service's other
 * clients must never send our tokens to a third party.
 */
@Component
class MicrosoftTokenClient {

	private static final Logger log = LoggerFactory.getLogger(MicrosoftTokenClient.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final SourceProperties.Microsoft microsoft;

	private final RestClient client;

	MicrosoftTokenClient(SourceProperties properties) {
		this.microsoft = properties.microsoft();
		this.client = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))))
			.build();
	}

	/**
	 * The token endpoint of the configured tenant.
	 * @return its URL
	 */
	URI tokenEndpoint() {
		return UriComponentsBuilder.fromUri(this.microsoft.authorityUrl())
			.pathSegment(this.microsoft.tenantId(), "oauth2", "v2.0", "token")
			.build()
			.toUri();
	}

	/**
	 * Redeems an authorization code.
	 * @param code the code from the callback
	 * @param codeVerifier the PKCE verifier of the authorization request
	 * @param scope the scopes asked for
	 * @return the refresh token
	 * @throws ConnectionProblem when the identity platform refuses the code, cannot be
	 * reached, or grants no refresh token
	 */
	String redeem(String code, String codeVerifier, String scope) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", this.microsoft.clientId());
		form.add("scope", scope);
		form.add("code", code);
		form.add("redirect_uri", this.microsoft.redirectUri().toString());
		form.add("grant_type", "authorization_code");
		form.add("code_verifier", codeVerifier);
		if (this.microsoft.clientSecret() != null && !this.microsoft.clientSecret().isBlank()) {
			form.add("client_secret", this.microsoft.clientSecret());
		}
		Map<String, Object> body;
		try {
			body = this.client.post()
				.uri(tokenEndpoint())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.retrieve()
				.body(JSON);
		}
		catch (ResourceAccessException ex) {
			throw new ConnectionProblem(HttpStatus.SERVICE_UNAVAILABLE, "Identity platform unreachable",
					"The Microsoft identity platform (" + this.microsoft.authorityUrl()
							+ ") cannot be reached to finish the connection; try again.",
					null);
		}
		catch (RestClientResponseException ex) {
			throw refused(ex);
		}
		Object refreshToken = (body != null) ? body.get("refresh_token") : null;
		if (!(refreshToken instanceof String token) || token.isBlank()) {
			throw new ConnectionProblem(HttpStatus.BAD_GATEWAY, "No refresh token",
					"The Microsoft identity platform granted no refresh token, so background syncs could not run: "
							+ "the app registration must allow the offline_access scope. Connect again.",
					null);
		}
		log.info("Authorization code redeemed: token type {}, scopes '{}', access token valid for {} s",
				body.get("token_type"), body.get("scope"), body.get("expires_in"));
		return token;
	}

	private ConnectionProblem refused(RestClientResponseException ex) {
		Map<String, Object> error;
		try {
			error = ex.getResponseBodyAs(JSON);
		}
		catch (RuntimeException notJson) {
			error = null;
		}
		String code = (error != null && error.get("error") instanceof String text) ? text : null;
		String description = (error != null && error.get("error_description") instanceof String text) ? firstLine(text)
				: null;
		String what = (code != null) ? code + ((description != null) ? ": " + description : "")
				: "HTTP " + ex.getStatusCode().value();
		log.warn("The Microsoft identity platform refused an authorization code: {}", what);
		if (code == null || ex.getStatusCode().is5xxServerError()) {
			return new ConnectionProblem(HttpStatus.BAD_GATEWAY, "Identity platform error",
					"The Microsoft identity platform failed to redeem the authorization code (" + what
							+ "); connect again.",
					code);
		}
		return switch (code) {
			case "invalid_grant", "interaction_required", "consent_required", "access_denied" ->
				new ConnectionProblem(HttpStatus.BAD_REQUEST, "Connection refused",
						"Microsoft refused the authorization (" + what + "). Start the connection again.", code);
			case "invalid_client", "unauthorized_client", "unsupported_grant_type" ->
				new ConnectionProblem(HttpStatus.BAD_GATEWAY, "App registration refused",
						"Microsoft refused the platform's app registration (" + what + "). Check "
								+ "noterag.sources.microsoft.client-id, client-secret and redirect-uri against the "
								+ "app registration.",
						code);
			default -> new ConnectionProblem(HttpStatus.BAD_REQUEST, "Connection refused",
					"Microsoft refused the authorization (" + what + "). Start the connection again.", code);
		};
	}

	/** AADSTS descriptions go on with trace and correlation ids after the first line. */
	private static String firstLine(String text) {
		String line = text.strip().split("\\R", 2)[0];
		return (line.length() > 500) ? line.substring(0, 500) : line;
	}

}
