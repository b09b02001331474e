package io.noterag.gateway;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuthenticationIT extends GatewayTestSupport {

	@Test
	void shouldSignInWithTheDevProviderAndIssueATokenThatVerifiesAgainstTheJwks() throws Exception {
		Map<String, Object> login = login("Alice.Smith", "admin");

		assertThat(login).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
		assertThat((String) login.get("refresh_token")).hasSizeGreaterThan(30);
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) login.get("user");
		assertThat(user).containsEntry("email", "alice.smith@dev.local")
			.containsEntry("name", "Alice.Smith")
			.containsEntry("role", "admin");

		SignedJWT jwt = SignedJWT.parse((String) login.get("access_token"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		RSAKey key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
		assertThat(key.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("noterag");
		assertThat(claims.getSubject()).isEqualTo(user.get("id"));
		assertThat(claims.getStringClaim("name")).isEqualTo("Alice.Smith");
		assertThat(claims.getStringClaim("email")).isEqualTo("alice.smith@dev.local");
		assertThat(claims.getStringClaim("role")).isEqualTo("admin");
		assertThat(claims.getJWTID()).isNotBlank();
		long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
		assertThat(lifetime).isEqualTo(15 * 60 * 1000);
		assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "name", "email", "role", "iat",
				"exp", "jti");
	}

	@Test
	void shouldKeepOneUserPerNameAndRecordTheLastLoginAndTheAudit() {
		Map<String, Object> first = login("bob", null);
		Map<String, Object> second = login("bob", "viewer");

		assertThat(user(second).get("id")).isEqualTo(user(first).get("id"));
		assertThat(user(first).get("role")).isEqualTo("user");
		assertThat(user(second).get("role")).isEqualTo("viewer");
		UUID id = UUID.fromString((String) user(second).get("id"));
		assertThat(this.jdbc.queryForObject("SELECT last_login IS NOT NULL FROM users WHERE id = ?", Boolean.class, id))
			.isTrue();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE user_id = ? AND action = 'login'",
				Integer.class, id))
			.isEqualTo(2);
	}

	@Test
	void shouldRotateRefreshTokensAndRevokeTheSignInWhenARotatedOneIsReused() {
		String first = (String) login("carol", "user").get("refresh_token");

		Map<String, Object> refreshed = refresh(first, 200);
		String second = (String) refreshed.get("refresh_token");
		assertThat(second).isNotEqualTo(first);
		assertThat((String) refreshed.get("access_token")).isNotBlank();
		assertThat(refreshed).containsEntry("expires_in", 900).containsEntry("token_type", "Bearer");

		Map<String, Object> reuse = refresh(first, 401);
		assertThat((String) reuse.get("detail")).contains("already used");
		assertThat(reuse.get("request_id")).isNotNull();

		// the whole family is revoked: the legitimate newest token no longer works either
		Map<String, Object> afterReuse = refresh(second, 401);
		assertThat((String) afterReuse.get("detail")).contains("revoked");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE action = 'refresh_token_reuse'",
				Integer.class))
			.isPositive();
	}

	@Test
	void shouldStoreOnlyTheHashOfRefreshTokens() {
		String token = (String) login("dave", null).get("refresh_token");

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Integer.class,
				token))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
				Integer.class, token))
			.isEqualTo(1);
	}

	@Test
	void shouldRejectAnUnknownRefreshToken() {
		Map<String, Object> problem = refresh("not-a-token-we-issued", 401);
		assertThat(problem).containsEntry("title", "Unauthorized");
	}

	@Test
	void shouldLogOutByRevokingTheCallersRefreshTokens() {
		Map<String, Object> login = login("erin", "user");

		this.client.post()
			.uri("/api/v2/auth/logout")
			.headers((h) -> h.setBearerAuth((String) login.get("access_token")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.success")
			.isEqualTo(true);

		refresh((String) login.get("refresh_token"), 401);
	}

	@Test
	void shouldLogOutOnlyTheSignInWhoseRefreshTokenIsGiven() {
		Map<String, Object> laptop = login("frank", "user");
		Map<String, Object> phone = login("frank", "user");

		this.client.post()
			.uri("/api/v2/auth/logout")
			.headers((h) -> h.setBearerAuth((String) laptop.get("access_token")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", laptop.get("refresh_token")))
			.exchange()
			.expectStatus()
			.isOk();

		refresh((String) laptop.get("refresh_token"), 401);
		refresh((String) phone.get("refresh_token"), 200);
	}

	@Test
	void shouldRequireAValidAccessTokenToLogOut() {
		this.client.post()
			.uri("/api/v2/auth/logout")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void shouldIssueServiceTokensToKnownClientsWithTheSharedSecret() throws Exception {
		Map<String, Object> token = this.client.post()
			.uri("/oauth2/token")
			.headers((h) -> h.setBasicAuth("indexing-worker", "dev-service-secret"))
			.body(BodyInserters.fromFormData("grant_type", "client_credentials"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		assertThat(token).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
		SignedJWT jwt = SignedJWT.parse((String) token.get("access_token"));
		assertThat(jwt.verify(new RSASSAVerifier(jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
			.isTrue();
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("service:indexing-worker");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("service");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("email")).isNull();
	}

	@Test
	void shouldRefuseServiceTokensForAWrongSecretOrAnUnknownClient() {
		for (String[] credentials : new String[][] { { "query-service", "wrong-secret" },
				{ "someone-else", "dev-service-secret" } }) {
			this.client.post()
				.uri("/oauth2/token")
				.headers((h) -> h.setBasicAuth(credentials[0], credentials[1]))
				.body(BodyInserters.fromFormData("grant_type", "client_credentials"))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"noterag\"")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("invalid_client")
				.jsonPath("$.request_id")
				.isNotEmpty();
		}
	}

	@Test
	void shouldRefuseAGrantOtherThanClientCredentials() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		this.client.post()
			.uri("/oauth2/token")
			.headers((h) -> h.setBasicAuth("query-service", "dev-service-secret"))
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unsupported_grant_type");
	}

	@Test
	void shouldAnswerBadLoginsWithAProblemNamingTheMistake() {
		assertLoginProblem("{\"provider\":\"okta\",\"code\":\"x\"}", "Enabled providers: dev");
		assertLoginProblem("{\"code\":\"x\"}", "provider: required");
		assertLoginProblem("{\"provider\":\"dev\",\"code\":\"two words\"}", "code:");
		assertLoginProblem("{\"provider\":\"dev\",\"code\":\"" + "x".repeat(65) + "\"}", "code:");
		assertLoginProblem("{\"provider\":\"dev\"}", "code:");
		assertLoginProblem("{\"provider\":\"dev\",\"code\":\"gina\",\"role\":\"service\"}", "role:");
		assertLoginProblem("{\"provider\":\"dev\",\"code\":\"gina\",\"role\":\"root\"}", "role:");
		assertLoginProblem("{\"provider\":\"dev\",", "not valid JSON");
		assertLoginProblem("", "not valid JSON");
	}

	@Test
	void shouldRejectTokensNotSignedByTheGatewayOrExpiredOrTampered() {
		String mine = accessToken("henry", "user");
		String[] parts = mine.split("\\.");
		String tamperedClaims = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"user\"", "\"admin\"").getBytes());
		String tampered = parts[0] + "." + tamperedClaims + "." + parts[2];
		String foreign = TestTokens.user(UUID.randomUUID().toString(), "mallory", "admin");
		String expired = TestTokens.sign(UUID.randomUUID().toString(), "late", null, "user",
				Instant.now().minusSeconds(3600));

		for (String token : new String[] { tampered, foreign, expired, "garbage" }) {
			this.client.get()
				.uri("/api/v2/conversations")
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The bearer token is invalid or has expired.");
		}
	}

	@Test
	void shouldAuditAQuestionRoutedToTheQueryService() {
		Map<String, Object> login = login("ivy", "user");
		String userId = (String) user(login).get("id");

		this.client.post()
			.uri("/api/v2/query")
			.headers((h) -> h.setBearerAuth((String) login.get("access_token")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"question\":\"What is in my notes?\"}")
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(java.time.Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM audit_logs WHERE user_id = ? AND action = 'query' AND details->>'status' = '200'",
					Integer.class, UUID.fromString(userId)))
				.isEqualTo(1));
	}

	private void assertLoginProblem(String body, String detailContains) {
		this.client.post()
			.uri("/api/v2/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains(detailContains))
			.jsonPath("$.request_id")
			.isNotEmpty();
	}

	private Map<String, Object> refresh(String refreshToken, int status) {
		return this.client.post()
			.uri("/api/v2/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	private JWKSet jwks() throws Exception {
		String json = this.client.get()
			.uri("/oauth2/jwks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JWKSet.parse(json);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> user(Map<String, Object> login) {
		return (Map<String, Object>) login.get("user");
	}

}
