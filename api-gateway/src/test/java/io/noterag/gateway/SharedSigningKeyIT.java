package io.noterag.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.noterag.shared.test.RealInfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas started at the same moment on one fresh database schema: they
 * agree on one signing key, and a token or a refresh token from one works at the other.
 */
class SharedSigningKeyIT {

	private static final StubService QUERY = new StubService("query");

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

	@BeforeAll
	static void startTwoReplicasAtOnce() throws Exception {
		// two contexts in one JVM must not set up Logback at the same moment
		System.setProperty(LOGGING_SYSTEM, "none");
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture
				.supplyAsync(SharedSigningKeyIT::startReplica, executor);
			CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture
				.supplyAsync(SharedSigningKeyIT::startReplica, executor);
			replicas.add(first.get());
			replicas.add(second.get());
		}
		finally {
			executor.shutdown();
			System.clearProperty(LOGGING_SYSTEM);
		}
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(ConfigurableApplicationContext::close);
		QUERY.close();
	}

	private static ConfigurableApplicationContext startReplica() {
		String dead = StubService.deadUri();
		return new SpringApplicationBuilder(ApiGatewayApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--noterag.db.schema=identity_pair",
					"--noterag.routes.query-service.uris=" + QUERY.uri(),
					"--noterag.routes.document-service.uris=" + dead,
					"--noterag.routes.conversation-service.uris=" + dead,
					"--noterag.routes.multimodal-service.uris=" + dead);
	}

	private static WebTestClient client(int replica) {
		int port = ((WebServerApplicationContext) replicas.get(replica)).getWebServer().getPort();
		return GatewayTestSupport.client(port);
	}

	@Test
	void shouldShareOneSigningKeyBetweenReplicasStartedTogether() throws Exception {
		JWKSet first = JWKSet.parse(jwks(0));
		JWKSet second = JWKSet.parse(jwks(1));

		assertThat(first.getKeys()).hasSize(1);
		assertThat(second.getKeys()).hasSize(1);
		assertThat(second.getKeys().get(0).getKeyID()).isEqualTo(first.getKeys().get(0).getKeyID());
		JdbcTemplate jdbc = replicas.get(0).getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_keys", Integer.class)).isEqualTo(1);
	}

	@Test
	void shouldAcceptAtOneReplicaTheTokensIssuedByTheOther() {
		Map<String, Object> login = GatewayTestSupport.login(client(0), "roamer", "user");
		String accessToken = (String) login.get("access_token");

		client(1).get()
			.uri("/api/v2/query/anything")
			.headers((h) -> h.setBearerAuth(accessToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("query");

		// a refresh at the second replica rotates the token issued by the first ...
		Map<String, Object> refreshed = client(1).post()
			.uri("/api/v2/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", login.get("refresh_token")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(GatewayTestSupport.JSON)
			.returnResult()
			.getResponseBody();
		assertThat(refreshed).containsKey("refresh_token");

		// ... and the first replica knows the old one was used
		client(0).post()
			.uri("/api/v2/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", login.get("refresh_token")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private static String jwks(int replica) {
		return client(replica).get()
			.uri("/oauth2/jwks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
