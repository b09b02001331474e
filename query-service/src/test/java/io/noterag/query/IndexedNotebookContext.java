package io.noterag.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;
import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.lucene.LuceneVectorStore;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * query-service as one Spring context on a random port, against a real Lucene index that
 * the test writes as the indexing worker would, the real ONNX embedding model, the real
 * Postgres, and a stub conversation-service over HTTP. The context, the index and the
 * stub are shared by every test class that extends this one, and removed when the JVM
 * ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
abstract class IndexedNotebookContext {

	static final Path INDEX = tempDirectory();

	static final StubConversationService conversations = StubConversationService.start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String ALICE_ID = UUID.randomUUID().toString();

	static final String BOB_ID = UUID.randomUUID().toString();

	static final TestNotebook notebook = new TestNotebook(BOB_ID);

	static final String ALICE = TestTokens.user(ALICE_ID, "alice", "user");

	static final String BOB = TestTokens.user(BOB_ID, "bob", "viewer");

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static volatile boolean indexed;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(IndexedNotebookContext::cleanUp, "indexed-notebook-cleanup"));
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("noterag.vector-store.lucene.path", INDEX::toString);
		registry.add("noterag.vector-store.lucene.mode", () -> "reader");
		registry.add("noterag.vector-store.lucene.refresh-interval", () -> "50ms");
		registry.add("noterag.services.conversation-url", conversations::url);
		registry.add("noterag.security.token-uri", () -> conversations.url() + "/oauth2/token");
	}

	/**
	 * Writes the notebook once as the single writer, then waits until this service's
	 * reader sees it.
	 */
	@BeforeAll
	static synchronized void indexTheNotebook(@Autowired VectorStore reader, @Autowired Embedder embedder)
			throws InterruptedException {
		if (!indexed) {
			try (LuceneVectorStore writer = LuceneVectorStore.writer(INDEX)) {
				notebook.writeTo(writer, embedder);
			}
			indexed = true;
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (reader.count() < notebook.chunkCount()) {
			assertThat(System.nanoTime()).as("the reader never saw the index").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	Response post(String path, String token, Map<String, ?> body) throws Exception {
		return post(path, token, JSON.writeValueAsString(new LinkedHashMap<>(body)), null);
	}

	Response post(String path, String token, String json, String requestId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (requestId != null) {
			request.header("X-Request-ID", requestId);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("X-Request-ID").orElse(null), response.body());
	}

	Response get(String path) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("X-Request-ID").orElse(null), response.body());
	}

	private static void cleanUp() {
		conversations.close();
		try (Stream<Path> files = Files.walk(INDEX)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temporary directory: the operating system removes it eventually
		}
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("query-it-index");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Response(int status, String contentType, String requestId, String raw) {

		JsonNode json() {
			return JSON.readTree(this.raw);
		}

	}

}
