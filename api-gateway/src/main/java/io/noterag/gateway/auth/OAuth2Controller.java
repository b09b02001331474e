package io.noterag.gateway.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.noterag.gateway.auth.AuthResponses.ClientTokenResponse;
import io.noterag.gateway.auth.internal.SigningKeys;
import io.noterag.gateway.auth.internal.TokenIssuer;
import io.noterag.gateway.auth.internal.TokenIssuer.AccessToken;
import io.noterag.gateway.web.ProblemException;

/**
 * The OAuth2 endpoints of the platform: the JWKS of the access-token signing keys, and
 * client-credentials tokens for the services.
 */
@RestController
class OAuth2Controller {

	private static final Logger log = LoggerFactory.getLogger(OAuth2Controller.class);

	private final SigningKeys keys;

	private final TokenIssuer issuer;

	private final ServiceClients clients;

	OAuth2Controller(SigningKeys keys, TokenIssuer issuer, ServiceClients clients) {
		this.keys = keys;
		this.issuer = issuer;
		this.clients = clients;
	}

	@GetMapping(path = "/oauth2/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<String>> jwks() {
		return Mono.fromCallable(() -> this.keys.publicJwkSet().toString(true))
			.subscribeOn(Schedulers.boundedElastic())
			.map((json) -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
				.contentType(MediaType.APPLICATION_JSON)
				.body(json));
	}

	@PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<ResponseEntity<ClientTokenResponse>> token(ServerWebExchange exchange) {
		return exchange.getFormData().map((form) -> {
			String grantType = form.getFirst("grant_type");
			if (!"client_credentials".equals(grantType)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "Unsupported grant type",
						"grant_type must be client_credentials.", Map.of("error", "unsupported_grant_type"));
			}
			String[] credentials = credentials(exchange.getRequest().getHeaders(), form);
			if (!this.clients.authenticate(credentials[0], credentials[1])) {
				log.warn("Refused a service token to client '{}'", credentials[0]);
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"noterag\"");
				throw new ProblemException(HttpStatus.UNAUTHORIZED, "Invalid client",
						"Unknown client or wrong client secret.", Map.of("error", "invalid_client"), headers);
			}
			AccessToken token = this.issuer.forService(credentials[0]);
			return ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.header("Pragma", "no-cache")
				.body(new ClientTokenResponse(token.value(), "Bearer", token.expiresIn()));
		});
	}

	/**
	 * Client id and secret from HTTP Basic (RFC 6749 2.3.1: each form-urlencoded), or
	 * else from the form ({@code client_id}, {@code client_secret}).
	 */
	private static String[] credentials(HttpHeaders headers, MultiValueMap<String, String> form) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
							URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
				}
			}
			catch (IllegalArgumentException ex) {
				// not Base64: no credentials
			}
			return new String[] { null, null };
		}
		return new String[] { form.getFirst("client_id"), form.getFirst("client_secret") };
	}

}
