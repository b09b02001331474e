package io.noterag.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.noterag.shared.test.RealInfrastructureInitializer;

/**
 * One gateway on a random port against the real Postgres (a schema of this run), with
 * stub downstream services: two query-service replicas, a conversation-service whose
 * first replica is down, a document-service that is down altogether, and one
 * multimodal-service. Subclasses share this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "noterag.gateway.max-request-size=4KB", "noterag.routes.circuit-breaker.window-size=5",
				"noterag.routes.circuit-breaker.minimum-calls=3" })
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
abstract class GatewayTestSupport {

	static final StubService QUERY_A = new StubService("query-a");

	static final StubService QUERY_B = new StubService("query-b");

	static final StubService CONVERSATIONS = new StubService("conversations");

	static final StubService MULTIMODAL = new StubService("multimodal");

	static final String DEAD = StubService.deadUri();

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	WebTestClient client;

	@DynamicPropertySource
	static void downstreamServices(DynamicPropertyRegistry registry) {
		registry.add("noterag.routes.query-service.uris", () -> QUERY_A.uri() + "," + QUERY_B.uri());
		registry.add("noterag.routes.document-service.uris", () -> DEAD);
		registry.add("noterag.routes.conversation-service.uris", () -> DEAD + "," + CONVERSATIONS.uri());
		registry.add("noterag.routes.multimodal-service.uris", MULTIMODAL::uri);
	}

	@BeforeEach
	void client() {
		this.client = client(this.port);
	}

	/**
	 * A client that opens a connection of its own for every request, so no test depends
	 * on what an earlier test left in a shared connection pool.
	 */
	static WebTestClient client(int port) {
		return WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}

	/** A client on a pool of kept-alive connections, as browsers and proxies use. */
	static WebTestClient pooledClient(int port) {
		return WebTestClient
			.bindToServer(
					new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create("gateway-tests", 2))))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}

	Map<String, Object> login(String name, String role) {
		return login(this.client, name, role);
	}

	static Map<String, Object> login(WebTestClient client, String name, String role) {
		String body = (role != null) ? "{\"provider\":\"dev\",\"code\":\"" + name + "\",\"role\":\"" + role + "\"}"
				: "{\"provider\":\"dev\",\"code\":\"" + name + "\"}";
		return client.post()
			.uri("/api/v2/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	String accessToken(String name, String role) {
		return (String) login(name, role).get("access_token");
	}

}
