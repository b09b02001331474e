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

	@DynamicPropertySource
	static void testProperties(DynamicPropertyRegistry registry) {
		registry.add("noterag.sources.filesystem.allowed-roots[0]", () -> TestFolders.root().toString());
		registry.add("noterag.services.multimodal-url", StubServices::url);
		registry.add("noterag.security.token-uri", () -> StubServices.url() + "/oauth2/token");
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
