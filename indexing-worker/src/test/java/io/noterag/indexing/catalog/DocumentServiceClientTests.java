package io.noterag.indexing.catalog;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import io.noterag.indexing.testsupport.StubDocumentService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DocumentServiceClientTests {

	private static final StubDocumentService stub = StubDocumentService.start();

	private final DocumentServiceClient client = new DocumentServiceClient(RestClient.builder()
		.baseUrl(stub.url())
		.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token())
		.build());

	@AfterEach
	void recover() {
		stub.down(false);
	}

	@AfterAll
	static void stop() {
		stub.close();
	}

	@Test
	void shouldStartAQueuedJobAndReadItsSource() {
		UUID sourceId = stub.addSource("/notes", List.of("ops"));
		UUID jobId = stub.addJob(sourceId);

		JobState job = this.client.startJob(jobId);
		SourceDetails source = this.client.source(sourceId);

		assertThat(job.state()).isEqualTo("running");
		assertThat(source.configText("path")).isEqualTo("/notes");
		assertThat(source.tags()).containsExactly("ops");
		assertThat(source.principals()).hasSize(2).contains("group:everyone");
	}

	@Test
	void shouldReadASourceOnceForManyItemsAndAgainAfterChangingIt() {
		DocumentServiceClient caching = new DocumentServiceClient(RestClient.builder()
			.baseUrl(stub.url())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token())
			.build(), java.time.Duration.ofMinutes(1));
		UUID sourceId = stub.addSource("/cached", List.of());
		String path = "/internal/sources/" + sourceId;

		for (int i = 0; i < 5; i++) {
			assertThat(caching.cachedSource(sourceId).configText("path")).isEqualTo("/cached");
		}
		assertThat(reads(path)).isEqualTo(1);

		caching.updateStatus(sourceId, "error", "The source refused the credentials.");
		caching.cachedSource(sourceId);
		assertThat(reads(path)).isEqualTo(2);

		caching.forgetSource(sourceId);
		stub.removeSource(sourceId);
		assertThatExceptionOfType(DocumentServiceException.NotFound.class)
			.isThrownBy(() -> caching.cachedSource(sourceId));
	}

	@Test
	void shouldReadTheSourceEveryTimeWithoutACache() {
		UUID sourceId = stub.addSource("/uncached", List.of());

		this.client.cachedSource(sourceId);
		this.client.cachedSource(sourceId);

		assertThat(reads("/internal/sources/" + sourceId)).isEqualTo(2);
	}

	private static long reads(String path) {
		return stub.calls().stream().filter((c) -> c.method().equals("GET") && c.path().equals(path)).count();
	}

	@Test
	void shouldTellAFinishedJobFromAMissingOne() {
		UUID sourceId = stub.addSource("/notes", null);

		assertThatExceptionOfType(DocumentServiceException.JobAlreadyFinished.class)
			.isThrownBy(() -> this.client.startJob(stub.addFinishedJob(sourceId)));
		assertThatExceptionOfType(DocumentServiceException.NotFound.class)
			.isThrownBy(() -> this.client.startJob(UUID.randomUUID()));
		assertThatExceptionOfType(DocumentServiceException.NotFound.class)
			.isThrownBy(() -> this.client.source(UUID.randomUUID()));
	}

	@Test
	void shouldTreatRefusedDataAsTheItemsFailureButUnavailabilityAsTransient() {
		UUID sourceId = stub.addSource("/notes", null);
		DocumentRecord wrongId = new DocumentRecord(sourceId, "filesystem", "a.md", "A", "text/markdown",
				"file:///a.md", Instant.now(), Instant.now(), "abc", List.of(), Map.of(), 1, null);

		assertThatExceptionOfType(DocumentServiceException.Rejected.class)
			.isThrownBy(() -> this.client.upsertDocument(UUID.randomUUID().toString(), wrongId))
			.withMessageContaining("400");

		stub.down(true);
		assertThatExceptionOfType(DocumentServiceException.class).isThrownBy(() -> this.client.documents(sourceId))
			.withMessageContaining("503")
			.isExactlyInstanceOf(DocumentServiceException.class);
	}

	@Test
	void shouldReportAnUnreachableServiceAsTransient() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		DocumentServiceClient unreachable = new DocumentServiceClient(
				RestClient.builder().baseUrl("http://127.0.0.1:" + closedPort).build());

		assertThatExceptionOfType(DocumentServiceException.class)
			.isThrownBy(() -> unreachable.startJob(UUID.randomUUID()))
			.withMessageStartingWith("document-service unreachable")
			.isExactlyInstanceOf(DocumentServiceException.class);
	}

	@Test
	void shouldAcceptDeletingADocumentThatIsAlreadyGone() {
		assertThatNoException().isThrownBy(() -> this.client.deleteDocument(UUID.randomUUID().toString()));
	}

	private static String token() {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		Map<?, ?> body = RestClient.create()
			.post()
			.uri(stub.tokenUrl())
			.headers(
					(headers) -> headers.setBasicAuth(StubDocumentService.CLIENT_ID, StubDocumentService.CLIENT_SECRET))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
		return (String) body.get("access_token");
	}

}
