package io.noterag.document.source;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.StubWorker;
import io.noterag.document.TestSources;
import io.noterag.document.secret.SecretBox;
import io.noterag.document.secret.SecretsProperties;
import io.noterag.document.source.internal.DataSourceRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sources with credentials through the admin and internal APIs: stored encrypted, shown
 * only by name, decrypted for the worker alone, never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class SourceCredentialsIT extends DocumentServiceIntegrationTest {

	private static final String WORKSPACE = "https://adb-1234567890123456.7.azuredatabricks.net";

	@Autowired
	private JsonMapper json;

	@Autowired
	private DataSourceRepository repository;

	@Autowired
	private SecretBox secrets;

	@BeforeEach
	void workerAnswersOk() {
		StubWorker.down = false;
		StubWorker.answer = "{\"ok\":true}";
	}

	@Test
	void shouldStoreCredentialsEncryptedAndShowOnlyTheirNames(CapturedOutput output) throws Exception {
		String token = "dapi" + UUID.randomUUID().toString().replace("-", "");

		MvcResult created = this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(databricks(token)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.type").value("databricks"))
			.andExpect(jsonPath("$.name").value("Databricks adb-1234567890123456.7.azuredatabricks.net"))
			.andExpect(jsonPath("$.credentials_set[0]").value("token"))
			.andExpect(jsonPath("$.credentials").doesNotExist())
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.sync_enabled").value(true))
			.andExpect(jsonPath("$.last_synced_at").isEmpty())
			.andExpect(jsonPath("$.latest_job.state").value("queued"))
			.andReturn();
		String body = created.getResponse().getContentAsString();
		assertThat(body).doesNotContain(token);
		UUID id = UUID.fromString(this.json.readTree(body).get("id").asString());

		String stored = this.jdbc.sql("SELECT credentials->>'token' FROM data_sources WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1:" + this.secrets.currentKeyId() + ":").doesNotContain(token);
		assertThat(this.repository.findById(id).orElseThrow().toString()).doesNotContain(token).contains("token");

		for (String path : new String[] { "/api/v2/admin/sources/" + id, "/api/v2/admin/sources?limit=200" }) {
			String answer = this.mvc.perform(get(path).header("Authorization", bearer(admin())))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(answer).doesNotContain(token).doesNotContain(stored);
		}

		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.credentials.token").value(token))
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.cursor").isEmpty())
			.andExpect(jsonPath("$.last_synced_at").isEmpty())
			.andExpect(jsonPath("$.config.workspace_url").value(WORKSPACE));
		assertThat(output.getAll()).doesNotContain(token).contains(id.toString());
	}

	@Test
	void shouldRefuseAWrongConfigurationOrCredentialNamingTheField() throws Exception {
		long before = countSources();
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"sharepoint\",\"config\":{\"drive_ids\":[\"b!x\"]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("config.site_id"))
			.andExpect(jsonPath("$.detail", containsString("'config.site_id' is required")))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
		this.mvc.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"databricks\",\"config\":{\"workspace_url\":\"" + WORKSPACE
					+ "\",\"warehouse_id\":\"wh1\",\"auth\":\"oauth-m2m\"},\"credentials\":{\"client_id\":\"sp\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("credentials.client_secret"));
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"sharepoint\",\"config\":{\"site_id\":\"contoso.sharepoint.com,a,b\"},"
						+ "\"credentials\":{\"tenant_id\":\"t\",\"client_id\":\"c\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("credentials.client_secret"))
			.andExpect(jsonPath("$.detail", containsString("none of them")));
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"onenote\",\"config\":{},\"credentials\":{\"refresh_token\":\"x\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("credentials"))
			.andExpect(jsonPath("$.detail", containsString("/connect")));
		assertThat(countSources()).isEqualTo(before);
	}

	@Test
	void shouldMergeCredentialsAndRecheckTheConfigurationOnUpdate() throws Exception {
		String token = "dapi-old-" + UUID.randomUUID();
		String id = create(databricks(token));
		String secret = "m2m-secret-" + UUID.randomUUID();

		// switching to OAuth M2M without its credentials is refused, and changes nothing
		this.mvc
			.perform(patch("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"config\":{\"workspace_url\":\"" + WORKSPACE
						+ "\",\"warehouse_id\":\"wh1\",\"auth\":\"oauth-m2m\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("credentials.token"))
			.andExpect(jsonPath("$.detail", containsString("not used with auth 'oauth-m2m'")));
		this.mvc
			.perform(patch("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"config\":{\"workspace_url\":\"not a url\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("config.workspace_url"));

		MvcResult updated = this.mvc
			.perform(patch("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Lakehouse\",\"sync_enabled\":false,\"config\":{\"workspace_url\":\"" + WORKSPACE
						+ "\",\"warehouse_id\":\"wh1\",\"auth\":\"oauth-m2m\"},"
						+ "\"credentials\":{\"token\":null,\"client_id\":\"sp-app\",\"client_secret\":\"" + secret
						+ "\"}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Lakehouse"))
			.andExpect(jsonPath("$.sync_enabled").value(false))
			.andExpect(jsonPath("$.config.auth").value("oauth-m2m"))
			.andExpect(jsonPath("$.credentials_set.length()").value(2))
			.andExpect(jsonPath("$.credentials_set[0]").value("client_id"))
			.andExpect(jsonPath("$.credentials_set[1]").value("client_secret"))
			.andReturn();
		assertThat(updated.getResponse().getContentAsString()).doesNotContain(secret);

		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(jsonPath("$.credentials.client_id").value("sp-app"))
			.andExpect(jsonPath("$.credentials.client_secret").value(secret))
			.andExpect(jsonPath("$.credentials.token").doesNotExist());
		assertThat(this.jdbc.sql("SELECT next_sync_full FROM data_sources WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void shouldReadCredentialsOfAPreviousKeyAndMoveThemToTheCurrentKeyOnTheNextChange() throws Exception {
		String id = create(databricksM2m("sp-app", "first-secret"));
		SecretBox previous = new SecretBox(new SecretsProperties(TEST_PREVIOUS_SECRETS_KEY, List.of()));
		// as stored before the key rotation
		this.jdbc
			.sql("UPDATE data_sources SET credentials = jsonb_build_object('client_id', CAST(:id AS text), "
					+ "'client_secret', CAST(:secret AS text)) WHERE id = :source")
			.param("id", previous.seal("sp-app", "data_sources/" + id + "/credentials/client_id"))
			.param("secret", previous.seal("old-secret", "data_sources/" + id + "/credentials/client_secret"))
			.param("source", UUID.fromString(id))
			.update();

		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.credentials.client_id").value("sp-app"))
			.andExpect(jsonPath("$.credentials.client_secret").value("old-secret"));
		this.mvc
			.perform(put("/internal/sources/" + id + "/credentials").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"credentials\":{\"client_secret\":\"new-secret\"}}"))
			.andExpect(status().isNoContent());

		Map<String, Object> keyIds = this.jdbc.sql("SELECT split_part(credentials->>'client_id', ':', 2) AS id, "
				+ "split_part(credentials->>'client_secret', ':', 2) AS secret FROM data_sources WHERE id = :source")
			.param("source", UUID.fromString(id))
			.query()
			.singleRow();
		assertThat(keyIds).containsEntry("id", this.secrets.currentKeyId())
			.containsEntry("secret", this.secrets.currentKeyId());
		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(jsonPath("$.credentials.client_id").value("sp-app"))
			.andExpect(jsonPath("$.credentials.client_secret").value("new-secret"));
	}

	@Test
	void shouldLetTheWorkerRotateCredentialsAndReportTheStatus() throws Exception {
		String id = create(databricks("dapi-first"));

		this.mvc
			.perform(put("/internal/sources/" + id + "/credentials").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"credentials\":{\"token\":\"dapi-second\"}}"))
			.andExpect(status().isNoContent());
		this.mvc
			.perform(put("/internal/sources/" + id + "/credentials").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"credentials\":{\"password\":\"x\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("credentials.password"));
		this.mvc
			.perform(put("/internal/sources/" + id + "/status").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\":\"needs_reconnect\",\"error\":\"Databricks answered 401: token revoked\"}"))
			.andExpect(status().isNoContent());
		this.mvc
			.perform(put("/internal/sources/" + id + "/status").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\":\"broken\"}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/internal/sources/" + id + "/status").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\":\"ok\"}"))
			.andExpect(status().isForbidden());

		this.mvc.perform(get("/internal/sources/" + id).header("Authorization", bearer(worker())))
			.andExpect(jsonPath("$.credentials.token").value("dapi-second"))
			.andExpect(jsonPath("$.status").value("needs_reconnect"));
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("needs_reconnect"))
			.andExpect(jsonPath("$.status_error").value("Databricks answered 401: token revoked"));
		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/sync").header("Authorization", bearer(admin())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("token revoked")));

		// new credentials clear the status
		this.mvc
			.perform(patch("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"credentials\":{\"token\":\"dapi-third\"}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ok"))
			.andExpect(jsonPath("$.status_error").isEmpty());
	}

	@Test
	void shouldTestASourceThroughTheWorkerWithItsCredentialsAndAServiceToken() throws Exception {
		String id = create(databricks("dapi-tested"));
		StubWorker.answer = "{\"ok\":false,\"error\":\"Databricks answered 403: invalid access token\","
				+ "\"reconnect_required\":true}";

		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/test").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ok").value(false))
			.andExpect(jsonPath("$.error").value("Databricks answered 403: invalid access token"))
			.andExpect(jsonPath("$.reconnect_required").value(true));

		JsonNode sent = this.json.readTree(StubWorker.lastBody);
		assertThat(sent.get("source_id").asString()).isEqualTo(id);
		assertThat(sent.get("type").asString()).isEqualTo("databricks");
		assertThat(sent.get("config").get("workspace_url").asString()).isEqualTo(WORKSPACE);
		assertThat(sent.get("credentials").get("token").asString()).isEqualTo("dapi-tested");
		assertThat(StubWorker.lastAuthorization).startsWith("Bearer ");
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("needs_reconnect"));

		StubWorker.answer = "{\"ok\":true}";
		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/test").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ok").value(true))
			.andExpect(jsonPath("$.error").isEmpty())
			.andExpect(jsonPath("$.reconnect_required").value(false));
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("ok"));
	}

	@Test
	void shouldAnswer503WhenTheWorkerCannotTestTheSource() throws Exception {
		String id = create(databricks("dapi-unreachable"));
		StubWorker.down = true;

		this.mvc.perform(post("/api/v2/admin/sources/" + id + "/test").header("Authorization", bearer(admin())))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("indexing worker")))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.status").value("ok"));
	}

	@Test
	void shouldSyncIncrementallyOnceASyncCompletedAndFullyWhenAsked() throws Exception {
		JsonNode source = new TestSources(this.mvc).create(UUID.randomUUID(), "incremental", "");
		String id = source.get("id").asString();
		String firstJob = source.get("latest_job").get("id").asString();
		assertThat(fullFlagOf(firstJob)).isTrue();
		this.mvc.perform(post("/internal/sync-jobs/" + firstJob + "/start").header("Authorization", bearer(worker())))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/internal/sync-jobs/" + firstJob + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"succeeded\",\"seen\":0}"))
			.andExpect(status().isOk());

		String second = this.json
			.readTree(this.mvc
				.perform(post("/api/v2/admin/sources/" + id + "/sync").header("Authorization", bearer(admin())))
				.andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
		assertThat(fullFlagOf(second)).isFalse();
		this.mvc.perform(get("/api/v2/admin/sources/" + id).header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.last_synced_at").isNotEmpty());
		this.mvc
			.perform(post("/internal/sync-jobs/" + second + "/finish").header("Authorization", bearer(worker()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\":\"failed\",\"error\":\"stopped\"}"))
			.andExpect(status().isOk());

		String third = this.json
			.readTree(this.mvc
				.perform(post("/api/v2/admin/sources/" + id + "/sync?full=true").header("Authorization",
						bearer(admin())))
				.andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
		assertThat(fullFlagOf(third)).isTrue();
	}

	@Test
	void shouldRegisterASourceWithoutSyncingItWhenSyncIsDisabled() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"sharepoint\",\"sync_enabled\":false,"
						+ "\"config\":{\"site_id\":\"contoso.sharepoint.com,a,b\"}}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("SharePoint site contoso.sharepoint.com,a,b"))
			.andExpect(jsonPath("$.sync_enabled").value(false))
			.andExpect(jsonPath("$.credentials_set").isEmpty())
			.andExpect(jsonPath("$.latest_job").isEmpty());
	}

	private boolean fullFlagOf(String jobId) {
		return this.jdbc
			.sql("SELECT (o.payload->>'full')::boolean FROM sync_jobs j JOIN outbox o ON o.id = j.outbox_id "
					+ "WHERE j.id = :id")
			.param("id", UUID.fromString(jobId))
			.query(Boolean.class)
			.single();
	}

	private String create(String body) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString()).get("id").asString();
	}

	private String databricks(String token) throws Exception {
		return this.json.writeValueAsString(Map.of("type", "databricks", "config",
				Map.of("workspace_url", WORKSPACE, "warehouse_id", "wh1"), "credentials", Map.of("token", token)));
	}

	private String databricksM2m(String clientId, String clientSecret) throws Exception {
		return this.json.writeValueAsString(Map.of("type", "databricks", "sync_enabled", false, "config",
				Map.of("workspace_url", WORKSPACE, "warehouse_id", "wh1", "auth", "oauth-m2m"), "credentials",
				Map.of("client_id", clientId, "client_secret", clientSecret)));
	}

	private long countSources() {
		return this.jdbc.sql("SELECT count(*) FROM data_sources").query(Long.class).single();
	}

}
