package io.noterag.document.source;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.secret.SecretBox;
import io.noterag.document.secret.SecretsProperties;
import io.noterag.document.source.internal.DataSourceRepository;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The start-up check of the encryption key against the credentials already stored.
 */
class CredentialKeyCheckIT extends DocumentServiceIntegrationTest {

	@Autowired
	private DataSourceRepository repository;

	@Test
	void shouldStopTheStartUpWhenStoredCredentialsCannotBeRead() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/sources").header("Authorization", bearer(admin()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"databricks\",\"sync_enabled\":false,\"config\":{\"workspace_url\":"
						+ "\"https://adb-1.2.azuredatabricks.net\",\"include_tables\":false},"
						+ "\"credentials\":{\"token\":\"dapi-startup\"}}"))
			.andExpect(status().isCreated());
		SecretBox current = new SecretBox(new SecretsProperties(TEST_SECRETS_KEY, List.of()));
		String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

		assertThatIllegalStateException().isThrownBy(() -> check(new SecretBox(new SecretsProperties(null, List.of()))))
			.withMessageContaining("NOTERAG_SECRETS_KEY) is not set")
			.withMessageContaining(current.currentKeyId());
		assertThatIllegalStateException()
			.isThrownBy(() -> check(new SecretBox(new SecretsProperties(otherKey, List.of()))))
			.withMessageContaining("not configured")
			.withMessageContaining("NOTERAG_SECRETS_PREVIOUS_KEYS");
		assertThatNoException().isThrownBy(() -> check(
				new SecretBox(new SecretsProperties(TEST_SECRETS_KEY, List.of(TEST_PREVIOUS_SECRETS_KEY)))));
		assertThatNoException().isThrownBy(() -> check(
				new SecretBox(new SecretsProperties(otherKey, List.of(TEST_SECRETS_KEY, TEST_PREVIOUS_SECRETS_KEY)))));
	}

	private void check(SecretBox secrets) {
		new CredentialKeyCheck(this.repository, secrets).afterSingletonsInstantiated();
	}

}
