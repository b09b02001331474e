package io.noterag.multimodal.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
class DocumentServiceUnreachableIT {

	private static final int closedPort = closedPort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("noterag.services.document-url", () -> "http://127.0.0.1:" + closedPort);
		registry.add("noterag.security.token-uri", () -> "http://127.0.0.1:" + closedPort + "/oauth2/token");
	}

	@Test
	void shouldAnswer503ProblemWhenDocumentServiceCannotBeReached() throws Exception {
		Multipart body = new Multipart().field("document_id", UUID.randomUUID().toString())
			.file("file", "a.png", "image/png", TestImages.png(40, 40));

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v2/images/upload"))
				.header("Authorization", "Bearer " + TestTokens.newUser("admin"))
				.header("Content-Type", body.contentType())
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("document-service");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
