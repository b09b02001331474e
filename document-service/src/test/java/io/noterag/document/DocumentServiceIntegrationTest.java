package io.noterag.document;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

/**
 * The whole service against the real Postgres and RabbitMQ of this test run, called
 * through MockMvc with tokens signed like the gateway's. Every test class shares one
 * context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
public abstract class DocumentServiceIntegrationTest {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	/** The key that encrypts credentials in these tests (32 bytes, base64). */
	protected static final String TEST_SECRETS_KEY = "dGVzdC1rZXktb2YtdGhlLWRvY3VtZW50LXNlcnZpY2U=";

	/** A key the tests' credentials were encrypted with before a rotation. */
	protected static final String TEST_PREVIOUS_SECRETS_KEY = "b2xkLWtleS1vZi10aGUtZG9jdW1lbnQtc2VydmljZSE=";

	@DynamicPropertySource
	static void testProperties(DynamicPropertyRegistry registry) {
		registry.add("noterag.sources.filesystem.allowed-roots[0]", () -> TestFolders.root().toString());
		registry.add("noterag.services.multimodal-url", StubServices::url);
		registry.add("noterag.security.token-uri", () -> StubServices.url() + "/oauth2/token");
		registry.add("noterag.secrets.key", () -> TEST_SECRETS_KEY);
		registry.add("noterag.secrets.previous-keys[0]", () -> TEST_PREVIOUS_SECRETS_KEY);
		registry.add("noterag.services.indexing-worker-url", StubWorker::url);
		// the tests run the scheduled sync themselves, never on the clock
		registry.add("noterag.sync.schedule.enabled", () -> "false");
		registry.add("noterag.sources.microsoft.authority-url", LocalIdentityPlatform::url);
		registry.add("noterag.sources.microsoft.client-id", () -> LocalIdentityPlatform.CLIENT_ID);
		registry.add("noterag.sources.microsoft.client-secret", () -> LocalIdentityPlatform.CLIENT_SECRET);
		registry.add("noterag.sources.microsoft.redirect-uri", () -> LocalIdentityPlatform.REDIRECT_URI);
	}

	protected static String bearer(String token) {
		return "Bearer " + token;
	}

	protected static String admin() {
		return TestTokens.newUser("admin");
	}

	protected static String admin(UUID id) {
		return TestTokens.user(id.toString(), "admin-" + id.toString().substring(0, 8), "admin");
	}

	protected static String worker() {
		return TestTokens.service("indexing-worker");
	}

}
