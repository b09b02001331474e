package io.noterag.document.source;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.noterag.document.source.IndexingWorkerClient.TestRequest;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceRulesTests {

	private static final Map<String, Object> PAT = Map.of("workspace_url", "https://adb-1.2.azuredatabricks.net",
			"warehouse_id", "abc123");

	private static final Map<String, Object> M2M = Map.of("workspace_url", "https://adb-1.2.azuredatabricks.net",
			"warehouse_id", "abc123", "auth", "oauth-m2m");

	@Test
	void shouldAskForATokenForADatabricksPersonalAccessToken() {
		assertThatNoException().isThrownBy(() -> SourceRules.checkCredentialNames("databricks", PAT, Set.of("token")));
		assertField(() -> SourceRules.checkCredentialNames("databricks", PAT, Set.of()), "credentials.token",
				"is required with auth 'pat'");
		assertField(() -> SourceRules.checkCredentialNames("databricks", PAT, Set.of("token", "client_id")),
				"credentials.client_id", "is not used with auth 'pat'");
	}

	@Test
	void shouldAskForClientIdAndSecretForDatabricksMachineToMachine() {
		assertThatNoException().isThrownBy(
				() -> SourceRules.checkCredentialNames("databricks", M2M, Set.of("client_id", "client_secret")));
		assertField(() -> SourceRules.checkCredentialNames("databricks", M2M, Set.of("client_id")),
				"credentials.client_secret", "is required with auth 'oauth-m2m'");
		assertField(() -> SourceRules.checkCredentialNames("databricks", M2M, Set.of("password")),
				"credentials.password", "Unknown credential");
	}

	@Test
	void shouldTakeSharePointCredentialsAllOrNothing() {
		Map<String, Object> config = Map.of("site_id", "contoso.sharepoint.com,1,2");
		assertThatNoException().isThrownBy(() -> SourceRules.checkCredentialNames("sharepoint", config, Set.of()));
		assertThatNoException().isThrownBy(() -> SourceRules.checkCredentialNames("sharepoint", config,
				Set.of("tenant_id", "client_id", "client_secret")));
		assertField(() -> SourceRules.checkCredentialNames("sharepoint", config, Set.of("tenant_id", "client_id")),
				"credentials.client_secret", "together, or none of them");
	}

	@Test
	void shouldRefuseCredentialsOfAFilesystemSource() {
		assertField(() -> SourceRules.checkCredentialNames("filesystem", Map.of(), Set.of("token")), "credentials",
				"takes no credentials");
	}

	@Test
	void shouldRefuseCredentialsThatAreNotNonEmptyStrings() {
		Map<String, Object> given = new HashMap<>();
		given.put("token", 42);
		assertField(() -> SourceRules.readCredentials(given, false), "credentials.token", "non-empty string");
		given.put("token", null);
		assertField(() -> SourceRules.readCredentials(given, false), "credentials.token", "non-empty string");
		assertThat(SourceRules.readCredentials(given, true)).containsEntry("token", null);
	}

	@Test
	void shouldNameTheWrongFieldOfATypedConfiguration() {
		assertField(() -> SourceRules.checkConfig("sharepoint", Map.of()), "config.site_id", "is required");
		assertField(() -> SourceRules.checkConfig("onenote", Map.of("scope", "site")), "config.site_id", "is required");
		assertField(() -> SourceRules.checkConfig("databricks", Map.of("workspace_url", "ftp://x")),
				"config.workspace_url", "http(s) URL");
	}

	@Test
	void shouldNeverPrintCredentialValues() {
		String secret = "dapi-very-secret-value";
		Map<String, Object> credentials = Map.of("token", secret);
		UUID id = UUID.randomUUID();
		List<Object> records = List.of(new CreateSourceRequest("databricks", "d", PAT, credentials, true),
				new UpdateSourceRequest("d", PAT, credentials, true), new CredentialsUpdate(credentials),
				new SourceDetails(id, "databricks", "d", PAT, id, List.of(), Map.of("token", secret), "cursor",
						Instant.now(), SourceStatus.OK),
				new TestRequest(id, "databricks", PAT, Map.of("token", secret)));
		for (Object record : records) {
			assertThat(record.toString()).doesNotContain(secret).contains("token");
		}
	}

	private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
			String message) {
		assertThatThrownBy(call)
			.isInstanceOfSatisfying(InvalidSourceConfigException.class, (ex) -> assertThat(ex.field()).isEqualTo(field))
			.hasMessageContaining(message);
	}

}
