package io.noterag.document.source;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.LocalIdentityPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Connecting a OneNote source to a Microsoft account: authorization code flow with PKCE
 * against a local identity platform, the callback reached without a bearer token.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneNoteConnectIT extends DocumentServiceIntegrationTest {

	private static final String CALLBACK = "/api/v2/sources/oauth/callback";

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Autowired
	private JsonMapper json;

	@AfterEach
	void consentAgain() {
		LocalIdentityPlatform.declineConsent = false;
	}

	@Test
	void shouldConnectAnAccountStoreItsRefreshTokenEncryptedAndQueueTheFirstSync(CapturedOutput output)
			throws Exception {
		UUID adminId = UUID.randomUUID();
		String id = createOneNote("{\"scope\":\"me\"}");
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("needs_reconnect"))
			.andExpect(jsonPath("$.status_error", containsString("/connect")))
			.andExpect(jsonPath("$.latest_job").isEmpty());
		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isConflict());

		String authorizationUrl = connect(id, adminId);
		assertThat(authorizationUrl).startsWith(LocalIdentityPlatform.url() + "/common/oauth2/v2.0/authorize?");
		Map<String, String> query = LocalIdentityPlatform.queryOf(authorizationUrl);
		assertThat(query).containsEntry("client_id", LocalIdentityPlatform.CLIENT_ID)
			.containsEntry("response_type", "code")
			.containsEntry("redirect_uri", LocalIdentityPlatform.REDIRECT_URI)
			.containsEntry("scope", "https://graph.microsoft.com/Notes.Read offline_access")
			.containsEntry("code_challenge_method", "S256");
		assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
		assertThat(query.get("code_challenge")).hasSize(43);
		assertThat(this.jdbc.sql("SELECT count(*) FROM source_connect_states WHERE state_hash = :state")
			.param("state", query.get("state"))
			.query(Long.class)
			.single()).as("the state itself is not stored").isZero();

		Map<String, String> back = consent(authorizationUrl);
		MvcResult result = this.mvc
			.perform(get(CALLBACK).param("code", back.get("code"))
				.param("state", back.get("state"))
				.param("session_state", back.get("session_state")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.source_id").value(id))
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.sync_job.state").value("queued"))
			.andReturn();
		String jobId = this.json.readTree(result.getResponse().getContentAsString())
			.get("sync_job")
			.get("id")
			.asString();
		String refreshToken = LocalIdentityPlatform.refreshTokens.getLast();
		Map<String, String> redeemed = LocalIdentityPlatform.tokenRequests.getLast();
		assertThat(redeemed).containsEntry("grant_type", "authorization_code")
			.containsEntry("client_id", LocalIdentityPlatform.CLIENT_ID)
			.containsEntry("redirect_uri", LocalIdentityPlatform.REDIRECT_URI)
			.containsEntry("code", back.get("code"))
			.containsKey("code_verifier");
		assertThat(LocalIdentityPlatform.tokenRequestAuthorizations.getLast())
			.as("no token of ours goes to the identity platform")
			.isEmpty();

		assertThat(result.getResponse().getContentAsString()).doesNotContain(refreshToken);
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.status_error").isEmpty())
			.andExpect(jsonPath("$.credentials_set[0]").value("refresh_token"))
			.andExpect(jsonPath("$.latest_job.id").value(jobId));
		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(jsonPath("$.credentials.refresh_token").value(refreshToken))
			.andExpect(jsonPath("$.status").value("ok"));
		assertThat(this.jdbc.sql("SELECT credentials->>'refresh_token' FROM data_sources WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(String.class)
			.single()).startsWith("v1:").doesNotContain(refreshToken);
		assertThat(this.jdbc
			.sql("SELECT (o.payload->>'full')::boolean FROM sync_jobs j JOIN outbox o ON o.id = j.outbox_id "
					+ "WHERE j.id = :id")
			.param("id", UUID.fromString(jobId))
			.query(Boolean.class)
			.single()).as("the first sync is a full one").isTrue();
		assertThat(output.getAll()).doesNotContain(refreshToken)
			.doesNotContain(back.get("code"))
			.doesNotContain(back.get("state"))
			.doesNotContain(redeemed.get("code_verifier"));

		// the state is single-use
		this.mvc.perform(get(CALLBACK).param("code", back.get("code")).param("state", back.get("state")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.error").value("invalid_state"))
			.andExpect(jsonPath("$.detail", containsString("already been used")))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	@Test
	void shouldAskForSitesReadAllOnlyForSiteNotebooks() throws Exception {
		String id = createOneNote("{\"scope\":\"site\",\"site_id\":\"contoso.sharepoint.com,1,2\"}");

		Map<String, String> query = LocalIdentityPlatform.queryOf(connect(id, UUID.randomUUID()));

		assertThat(query.get("scope")).isEqualTo("https://graph.microsoft.com/Notes.Read "
				+ "https://graph.microsoft.com/Sites.Read.All offline_access");
	}

	@Test
	void shouldExplainADeclinedConsent() throws Exception {
		String id = createOneNote("{}");
		LocalIdentityPlatform.declineConsent = true;
		Map<String, String> back = consent(connect(id, UUID.randomUUID()));
		assertThat(back).containsEntry("error", "access_denied");

		this.mvc
			.perform(get(CALLBACK).param("error", back.get("error"))
				.param("error_description", back.get("error_description"))
				.param("state", back.get("state")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Access denied"))
			.andExpect(jsonPath("$.error").value("access_denied"))
			.andExpect(jsonPath("$.detail", containsString("AADSTS65004: User declined to consent")));
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("needs_reconnect"))
			.andExpect(jsonPath("$.credentials_set").isEmpty());
	}

	@Test
	void shouldRefuseAnExpiredOrUnknownState() throws Exception {
		String id = createOneNote("{}");
		Map<String, String> back = consent(connect(id, UUID.randomUUID()));
		this.jdbc
			.sql("UPDATE source_connect_states SET expires_at = now() - interval '1 second' "
					+ "WHERE data_source_id = :id")
			.param("id", UUID.fromString(id))
			.update();

		this.mvc.perform(get(CALLBACK).param("code", back.get("code")).param("state", back.get("state")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("expired_state"))
			.andExpect(jsonPath("$.detail", containsString("expired")));
		this.mvc.perform(get(CALLBACK).param("code", back.get("code")).param("state", "forged-state"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_state"));
		this.mvc.perform(get(CALLBACK).param("code", back.get("code")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_state"));
		assertThat(LocalIdentityPlatform.tokenRequests.stream()
			.noneMatch((form) -> back.get("code").equals(form.get("code")))).as("no code was redeemed").isTrue();
	}

	@Test
	void shouldPassOnTheIdentityPlatformsRefusalOfTheCode() throws Exception {
		String id = createOneNote("{}");
		Map<String, String> back = consent(connect(id, UUID.randomUUID()));
		LocalIdentityPlatform.expireCodes();

		this.mvc.perform(get(CALLBACK).param("code", back.get("code")).param("state", back.get("state")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.error").value("invalid_grant"))
			.andExpect(jsonPath("$.detail", containsString("AADSTS70008")))
			.andExpect(jsonPath("$.detail", containsString("Start the connection again")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("Trace ID"))));
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("needs_reconnect"));
	}

	@Test
	void shouldRefuseAVerifierThatDoesNotMatchTheChallenge() throws Exception {
		String id = createOneNote("{}");
		String url = connect(id, UUID.randomUUID());
		Map<String, String> query = LocalIdentityPlatform.queryOf(url);
		// an authorization request whose challenge is not ours, answered to our state
		String forged = url.replace(query.get("code_challenge"), OneNoteConnections.challenge("another-verifier"));
		Map<String, String> back = consent(forged);

		this.mvc.perform(get(CALLBACK).param("code", back.get("code")).param("state", back.get("state")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"))
			.andExpect(jsonPath("$.detail", containsString("AADSTS501481")));
	}

	@Test
	void shouldConnectOnlyOneNoteSources() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"sharepoint\",\"sync_enabled\":false,"
						+ "\"config\":{\"site_id\":\"contoso.sharepoint.com,a,b\"}}"))
			.andExpect(status().isCreated())
			.andReturn();
		String id = this.json.readTree(result.getResponse().getContentAsString()).get("id").asString();

		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/connect").header("Authorization", bearer(admin())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("only OneNote sources")));
		this.mvc.perform(post("/api/v2/admin/sources/" + UUID.randomUUID() + "/connect").header("Authorization",
				bearer(admin())))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v2/admin/sources/" + id + "/connect").header("Authorization",
					bearer(io.noterag.shared.test.TestTokens.newUser("user"))))
			.andExpect(status().isForbidden());
	}

	private String createOneNote(String config) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"onenote\",\"config\":" + config + "}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.credentials_set").isEmpty())
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString()).get("id").asString();
	}

	private String connect(String id, UUID adminId) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources/" + id + "/connect").header("Authorization", bearer(admin(adminId))))
			.andExpect(status().isOk())
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString()).get("authorization_url").asString();
	}

	/** The administrator's browser on the authorize page: where it is sent back to. */
	private Map<String, String> consent(String authorizationUrl) throws Exception {
		HttpResponse<String> response = this.browser.send(
				HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(LocalIdentityPlatform.REDIRECT_URI + "?");
		return LocalIdentityPlatform.queryOf(location);
	}

}
