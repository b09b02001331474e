package io.noterag.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.noterag.shared.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT extends GatewayTestSupport {

	@Test
	void shouldKeepASaneRequestIdAndCarryItToTheServiceAndBack() {
		String token = accessToken("rid-keeper", "user");

		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/v2/conversations")
			.header(RequestIds.HEADER, "client-chosen-id:0001")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();

		// echoed once, although the service echoes it too
		assertThat(result.getResponseHeaders().get(RequestIds.HEADER)).containsExactly("client-chosen-id:0001");
		assertThat(CONVERSATIONS.received())
			.anySatisfy((r) -> assertThat(r.requestId()).isEqualTo("client-chosen-id:0001"));
	}

	@Test
	void shouldReplaceAnInsaneRequestIdWithAFreshOne() {
		for (String insane : List.of("x".repeat(300), "has spaces in it", "short")) {
			String echoed = this.client.get()
				.uri("/api/v2/conversations")
				.header(RequestIds.HEADER, insane)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.returnResult(String.class)
				.getResponseHeaders()
				.getFirst(RequestIds.HEADER);
			assertThat(echoed).isNotEqualTo(insane).matches("[0-9a-f-]{36}");
		}
	}

	@Test
	void shouldMakeARequestIdWhenNoneIsSentAndPutItInTheErrorBody() {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/v2/conversations")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult();
		String id = result.getResponseHeaders().getFirst(RequestIds.HEADER);

		assertThat(id).isNotBlank();
		assertThat(new String(result.getResponseBody())).contains("\"request_id\":\"" + id + "\"")
			.contains("A bearer token is required.");
	}

	@Test
	void shouldPutTheRequestIdInTheErrorBodyOfA401ForTheCallersId() {
		this.client.get()
			.uri("/api/v2/documents")
			.header(RequestIds.HEADER, "trace-me-401-please")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.request_id")
			.isEqualTo("trace-me-401-please")
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void shouldWriteOneAccessLogLineWithTheRequestId(CapturedOutput output) {
		this.client.get()
			.uri("/no/such/page")
			.header(RequestIds.HEADER, "access-log-line-0042")
			.exchange()
			.expectStatus()
			.isNotFound();

		await().untilAsserted(() -> assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains("io.noterag.gateway.access") && line.contains("access-log-line-0042"))
			.toList())
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("[access-log-line-0042]")
				.contains("GET /no/such/page 404")
				.containsPattern(" \\d+ms ")));
	}

}
