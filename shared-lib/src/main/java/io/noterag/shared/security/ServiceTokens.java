package io.noterag.shared.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Obtains this service's own access token from the gateway (OAuth2 client credentials)
 * for background work and {@code /internal/**} calls, and reuses it until shortly before
 * it expires. Each replica keeps its own token: nothing here needs sharing.
 */
public class ServiceTokens {

	private final RestClient client;

	private final String clientId;

	private final String clientSecret;

	private final Clock clock;

	private volatile Cached cached;

	public ServiceTokens(SecurityProperties properties, String clientId, Clock clock) {
		this.client = RestClient.builder().baseUrl(properties.tokenUri()).build();
		this.clientId = clientId;
		this.clientSecret = properties.clientSecret();
		this.clock = clock;
	}

	/**
	 * A valid service token.
	 * @return the bearer token value
	 */
	public String token() {
		Cached current = this.cached;
		if (current != null && current.expiresAt().isAfter(this.clock.instant().plusSeconds(30))) {
			return current.token();
		}
		synchronized (this) {
			current = this.cached;
			if (current == null || !current.expiresAt().isAfter(this.clock.instant().plusSeconds(30))) {
				current = fetch();
				this.cached = current;
			}
			return current.token();
		}
	}

	private Cached fetch() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		Map<?, ?> body = this.client.post()
			.headers((h) -> h.setBasicAuth(this.clientId, this.clientSecret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
		if (body == null || !(body.get("access_token") instanceof String token)) {
			throw new IllegalStateException("The token endpoint returned no access_token");
		}
		long expiresIn = (body.get("expires_in") instanceof Number n) ? n.longValue() : 300;
		return new Cached(token, this.clock.instant().plusSeconds(expiresIn));
	}

	private record Cached(String token, Instant expiresAt) {
	}

}
