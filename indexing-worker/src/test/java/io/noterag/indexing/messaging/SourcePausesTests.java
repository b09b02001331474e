package io.noterag.indexing.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

/**
 * Two worker replicas, each with its own pauses and clock, sharing one document-service:
 * a wait one of them is told of holds back the other, and an outage of document-service
 * leaves each with the waits it knows.
 */
class SourcePausesTests {

	private static final StubDocumentService documentService = StubDocumentService.start();

	private static final Duration REFRESH = Duration.ofSeconds(5);

	private final TestClock firstClock = new TestClock();

	private final TestClock secondClock = new TestClock();

	private final SourcePauses first = new SourcePauses(this.firstClock, shared(), REFRESH);

	private final SourcePauses second = new SourcePauses(this.secondClock, shared(), REFRESH);

	@AfterEach
	void recover() {
		documentService.down(false);
	}

	@AfterAll
	static void stop() {
		documentService.close();
	}

	@Test
	void shouldHoldBackASourceOnTheOtherReplicaOnceOneReplicaWasToldToWait() {
		UUID sourceId = documentService.addSourceOfType("onenote", Map.of());
		UUID jobId = documentService.addRunningJob(sourceId);
		assertThat(this.second.remaining(sourceId)).isZero();

		this.first.pause(sourceId, Duration.ofMinutes(10));

		assertThat(this.first.remaining(sourceId)).isEqualTo(Duration.ofMinutes(10));
		assertThat(documentService.job(jobId).throttledUntil()).isAfter(Instant.now().plusSeconds(590));
		// the other replica reads the shared waits again once its last read is older than
		// the refresh interval
		this.secondClock.advance(REFRESH);
		assertThat(this.second.remaining(sourceId)).isBetween(Duration.ofSeconds(590), Duration.ofMinutes(10));
		// a shorter wait told to the other replica keeps the longer one
		this.second.pause(sourceId, Duration.ofSeconds(1));
		assertThat(this.second.remaining(sourceId)).isGreaterThan(Duration.ofSeconds(590));
		// other sources go on
		UUID other = documentService.addSourceOfType("onenote", Map.of());
		assertThat(this.first.remaining(other)).isZero();
		assertThat(this.second.remaining(other)).isZero();
	}

	@Test
	void shouldKeepItsOwnWaitsWhileDocumentServiceIsDownAndShareThemOnceItAnswersAgain() {
		UUID sourceId = documentService.addSourceOfType("sharepoint", Map.of());
		documentService.addRunningJob(sourceId);
		documentService.down(true);

		this.first.pause(sourceId, Duration.ofMinutes(10));

		assertThat(this.first.remaining(sourceId)).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.second.remaining(sourceId)).isZero();
		// neither calls document-service for every item meanwhile
		int calls = documentService.calls().size();
		for (int i = 0; i < 100; i++) {
			this.first.remaining(sourceId);
			this.second.remaining(sourceId);
		}
		assertThat(documentService.calls()).hasSize(calls);

		documentService.down(false);
		this.firstClock.advance(REFRESH);
		assertThat(this.first.remaining(sourceId)).isEqualTo(Duration.ofMinutes(10).minus(REFRESH));
		assertThat(documentService.throttleReports()).extracting(StubDocumentService.ThrottleReport::sourceId)
			.contains(sourceId);
		this.secondClock.advance(REFRESH);
		assertThat(this.second.remaining(sourceId)).isBetween(Duration.ofSeconds(590).minus(REFRESH),
				Duration.ofMinutes(10).minus(REFRESH));
	}

	@Test
	void shouldHoldBackASourceWithoutASyncToRecordItOnByItself() {
		UUID sourceId = documentService.addSourceOfType("databricks", Map.of());

		this.first.pause(sourceId, Duration.ofSeconds(30));

		assertThat(this.first.remaining(sourceId)).isEqualTo(Duration.ofSeconds(30));
		this.secondClock.advance(REFRESH);
		assertThat(this.second.remaining(sourceId)).isZero();
	}

	private static SharedPauses shared() {
		return new DocumentServiceSharedPauses(RestClient.builder()
			.baseUrl(documentService.url())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token())
			.build());
	}

	private static String token() {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		Map<?, ?> body = RestClient.create()
			.post()
			.uri(documentService.tokenUrl())
			.headers(
					(headers) -> headers.setBasicAuth(StubDocumentService.CLIENT_ID, StubDocumentService.CLIENT_SECRET))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
		return (String) body.get("access_token");
	}

	/** A clock a test moves forward, starting now. */
	private static final class TestClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
