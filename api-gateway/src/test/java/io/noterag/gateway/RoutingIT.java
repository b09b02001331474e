package io.noterag.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.noterag.shared.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIT extends GatewayTestSupport {

	@Test
	void shouldRouteQuestionsWithTheRequestIdAndTheCallersToken() {
		String token = accessToken("router", "user");

		this.client.post()
			.uri("/api/v2/query")
			.header(RequestIds.HEADER, "route-me-0001")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"question\":\"Where are my notes?\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/api/v2/query");

		StubService.Received received = receivedBy("route-me-0001", QUERY_A, QUERY_B);
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.authorization()).isEqualTo("Bearer " + token);
	}

	@Test
	void shouldSendEachPathToItsService() {
		String token = accessToken("paths", "admin");
		Map<String, Set<String>> expected = Map.of("/api/v2/documents/search", Set.of("query-a", "query-b"),
				"/api/v2/admin/analytics/summary", Set.of("query-a", "query-b"), "/api/v2/query/stream-not",
				Set.of("query-a", "query-b"), "/api/v2/conversations/42", Set.of("conversations"), "/api/v2/images/7",
				Set.of("multimodal"), "/api/v2/diagrams/9", Set.of("multimodal"));
		expected.forEach((path, instances) -> this.client.get()
			.uri(path)
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.value((body) -> {
				assertThat(instances).contains((String) body.get("instance"));
				assertThat(body.get("path")).isEqualTo(path);
			}));
	}

	@Test
	void shouldSpreadRequestsOverBothReplicasOfAService() {
		String token = accessToken("spreader", "user");

		Set<String> instances = Stream.iterate(0, (i) -> i + 1)
			.limit(6)
			.map((i) -> (String) this.client.get()
				.uri("/api/v2/query/ping")
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JSON)
				.returnResult()
				.getResponseBody()
				.get("instance"))
			.collect(Collectors.toSet());

		assertThat(instances).containsExactlyInAnyOrder("query-a", "query-b");
	}

	@Test
	void shouldSkipAReplicaThatIsDownWhenAnotherIsUp() {
		String token = accessToken("survivor", "user");

		for (int i = 0; i < 4; i++) {
			this.client.post()
				.uri("/api/v2/conversations")
				.headers((h) -> h.setBearerAuth(token))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"title\":\"kept\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.instance")
				.isEqualTo("conversations");
		}
	}

	@Test
	void shouldAnswer503ProblemWhenTheServiceIsDown() {
		String token = accessToken("unlucky", "user");

		this.client.get()
			.uri("/api/v2/documents")
			.header(RequestIds.HEADER, "down-service-0001")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Service unavailable")
			.jsonPath("$.service")
			.isEqualTo("document-service")
			.jsonPath("$.request_id")
			.isEqualTo("down-service-0001")
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void shouldOpenTheCircuitOfAServiceThatKeepsFailing() {
		String token = accessToken("breaker", "user");

		String detail = null;
		for (int i = 0; i < 8; i++) {
			detail = (String) this.client.get()
				.uri("/api/v2/documents/" + i)
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(JSON)
				.returnResult()
				.getResponseBody()
				.get("detail");
		}

		assertThat(detail).contains("circuit open");
	}

	@Test
	void shouldPassADownstreamErrorThroughWithoutRetryingIt() {
		String token = accessToken("failing", "user");
		int before = QUERY_A.received().size() + QUERY_B.received().size();

		this.client.post()
			.uri("/api/v2/query/fail")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(500);

		assertThat(QUERY_A.received().size() + QUERY_B.received().size()).isEqualTo(before + 1);
	}

	@Test
	void shouldLetMicrosoftsRedirectReachDocumentServiceWithoutAToken() {
		// document-service is down in this test: a 503 naming it shows the callback was
		// let through and routed there
		this.client.get()
			.uri("/api/v2/sources/oauth/callback?code=0.AXEA-code&state=s-1")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("document-service");
		for (String path : List.of("/api/v2/sources/oauth/other", "/api/v2/admin/dead-letters")) {
			this.client.get().uri(path).exchange().expectStatus().isUnauthorized();
		}
		this.client.post()
			.uri("/api/v2/sources/oauth/callback?code=0.AXEA-code&state=s-1")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldNeverExposeInternalPaths() {
		String token = accessToken("curious", "admin");

		for (String path : List.of("/internal/x", "/internal/sources/1", "/internal")) {
			this.client.get()
				.uri(path)
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.request_id")
				.isNotEmpty();
		}
		assertThat(Stream.of(QUERY_A, QUERY_B, CONVERSATIONS, MULTIMODAL)
			.flatMap((s) -> s.received().stream())
			.filter((r) -> r.path().startsWith("/internal"))).isEmpty();
	}

	@Test
	void shouldRefuseDotSegmentsAndEncodedSlashesThatCouldReachInternalPaths() {
		String token = accessToken("sneaky", "admin");

		for (String path : List.of("/api/v2/conversations/../../internal/x", "/api/v2/conversations/%2e%2e/internal",
				"/api/v2/conversations/..%2F..%2Finternal%2Fx")) {
			this.client.get()
				.uri(URI.create("http://127.0.0.1:" + this.port + path))
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.request_id")
				.isNotEmpty();
		}
		assertThat(CONVERSATIONS.received()).noneSatisfy((r) -> assertThat(r.path()).contains("internal"));
	}

	@Test
	void shouldAnswerUnknownPathsWith404Problem() {
		String token = accessToken("lost", "user");

		this.client.get()
			.uri("/api/v2/nothing-here")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No resource at this path.");
	}

	@Test
	void shouldKeepAdministrationForAdmins() {
		String token = accessToken("plain-user", "user");

		this.client.post()
			.uri("/api/v2/admin/sources")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.request_id")
			.isNotEmpty();
	}

	@Test
	void shouldRefuseABodyOverTheLimitWith413Problem() {
		String token = accessToken("big-sender", "user");

		this.client.post()
			.uri("/api/v2/images/upload")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[8 * 1024])
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Connection", "close");
		assertThat(MULTIMODAL.received()).noneSatisfy((r) -> assertThat(r.path()).isEqualTo("/api/v2/images/upload"));
	}

	@Test
	void shouldRefuseAStreamedBodyOverTheLimitWith413Problem() {
		String token = accessToken("chunked-sender", "user");
		Flux<DataBuffer> chunks = Flux.range(0, 8)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024]));

		this.client.post()
			.uri("/api/v2/images/upload-chunked")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Connection", "close");
		assertThat(MULTIMODAL.received())
			.noneSatisfy((r) -> assertThat(r.path()).isEqualTo("/api/v2/images/upload-chunked"));
	}

	@Test
	void shouldAnswerTheNextRequestsAfterRefusingStreamedBodies() {
		String token = accessToken("persistent-sender", "user");
		WebTestClient pooled = pooledClient(this.port);

		for (int i = 0; i < 10; i++) {
			Flux<DataBuffer> chunks = Flux.range(0, 8)
				.map((n) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024]));
			pooled.post()
				.uri("/api/v2/images/upload-chunked")
				.headers((h) -> h.setBearerAuth(token))
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(chunks, DataBuffer.class)
				.exchange()
				.expectStatus()
				.isEqualTo(413)
				.expectHeader()
				.valueEquals("Connection", "close");
			// a kept-alive connection would be re-used here if the gateway had kept it
			// open
			assertThat(login(pooled, "persistent-sender", "user")).containsKey("access_token");
		}
	}

	@Test
	void shouldStreamServerSentEventsWithoutBufferingThem() {
		String token = accessToken("streamer", "user");

		FluxExchangeResult<String> result = this.client.post()
			.uri("/api/v2/query/stream")
			.headers((h) -> h.setBearerAuth(token))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"question\":\"Stream it\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class);
		Flux<String> events = result.getResponseBody().cache();

		// the stub holds the second event back until the first one has come through
		String first = events.blockFirst(Duration.ofSeconds(10));
		QUERY_A.releaseStream();
		QUERY_B.releaseStream();
		List<String> all = events.collectList().block(Duration.ofSeconds(30));

		assertThat(first).isEqualTo("first");
		assertThat(all).containsExactly("first", "second");
	}

	private static StubService.Received receivedBy(String requestId, StubService... services) {
		return Stream.of(services)
			.flatMap((s) -> s.received().stream())
			.filter((r) -> requestId.equals(r.requestId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No service received request " + requestId));
	}

}
