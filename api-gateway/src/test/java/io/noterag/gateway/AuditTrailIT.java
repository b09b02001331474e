package io.noterag.gateway;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditTrailIT extends GatewayTestSupport {

	@Test
	void shouldLetAnAdminReadTheAuditTrailOfOneUser() {
		Map<String, Object> auditee = login("auditee", "user");
		String auditeeId = (String) ((Map<?, ?>) auditee.get("user")).get("id");
		this.client.get()
			.uri("/api/v2/documents/doc-1")
			.headers((h) -> h.setBearerAuth((String) auditee.get("access_token")))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		String admin = accessToken("auditor", "admin");
		String today = LocalDate.now(ZoneOffset.UTC).toString();

		await().untilAsserted(() -> {
			Map<String, Object> page = this.client.get()
				.uri((u) -> u.path("/api/v2/admin/audit-logs")
					.queryParam("user_id", auditeeId)
					.queryParam("from", today)
					.queryParam("to", today)
					.build())
				.headers((h) -> h.setBearerAuth(admin))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JSON)
				.returnResult()
				.getResponseBody();
			assertThat(page).containsEntry("total", 2);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> logs = (List<Map<String, Object>>) page.get("logs");
			assertThat(logs).extracting((l) -> l.get("action")).containsExactly("document_access", "login");
			assertThat(logs.get(0)).containsEntry("user_id", auditeeId)
				.containsEntry("resource_type", "document")
				.containsEntry("resource_id", "doc-1")
				.containsEntry("ip_address", "127.0.0.1")
				.containsKey("timestamp");
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) logs.get(0).get("details");
			assertThat(details).containsEntry("status", 503)
				.containsEntry("service", "document-service")
				.containsKey("request_id");
		});
	}

	@Test
	void shouldKeepTheAuditTrailFromNonAdmins() {
		String user = accessToken("nosy", "user");

		this.client.get()
			.uri("/api/v2/admin/audit-logs")
			.headers((h) -> h.setBearerAuth(user))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void shouldAnswerABadFilterWithAProblem() {
		String admin = accessToken("careless-auditor", "admin");

		for (String query : List.of("user_id=not-a-uuid", "from=yesterday", "limit=0")) {
			this.client.get()
				.uri("/api/v2/admin/audit-logs?" + query)
				.headers((h) -> h.setBearerAuth(admin))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.request_id")
				.isNotEmpty();
		}
	}

}
