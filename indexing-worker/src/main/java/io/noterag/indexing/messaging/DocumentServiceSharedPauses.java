package io.noterag.indexing.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * The waits of throttling sources as document-service keeps them on each source's queued
 * or running sync job: {@code PUT /internal/sources/{id}/throttle} records one,
 * {@code GET /internal/throttled-sources} lists those in force. The time left is taken
 * from the answer ({@code retry_after_ms}), so the replicas' clocks need not agree. The
 * answer's names are spelt out, so it reads the same with any JSON mapper.
 */
class DocumentServiceSharedPauses implements SharedPauses {

	private static final ParameterizedTypeReference<List<Throttle>> THROTTLES = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	DocumentServiceSharedPauses(RestClient client) {
		this.client = client;
	}

	@Override
	public Map<UUID, Duration> current() {
		List<Throttle> throttles = this.client.get().uri("/internal/throttled-sources").retrieve().body(THROTTLES);
		Map<UUID, Duration> current = new LinkedHashMap<>();
		if (throttles != null) {
			for (Throttle throttle : throttles) {
				if (throttle.sourceId() != null && throttle.retryAfterMs() > 0) {
					current.put(throttle.sourceId(), Duration.ofMillis(throttle.retryAfterMs()));
				}
			}
		}
		return current;
	}

	@Override
	public Duration record(UUID sourceId, Duration wait) {
		Throttle recorded = this.client.put()
			.uri("/internal/sources/{id}/throttle", sourceId)
			.body(Map.of("retry_after_ms", Math.max(1, wait.toMillis())))
			.retrieve()
			.body(Throttle.class);
		return (recorded != null && recorded.retryAfterMs() > 0) ? Duration.ofMillis(recorded.retryAfterMs())
				: Duration.ZERO;
	}

	/**
	 * A source's wait as document-service answers it.
	 *
	 * @param sourceId the source
	 * @param throttledUntil until when, by document-service's clock
	 * @param retryAfterMs milliseconds left when it answered
	 */
	record Throttle(@JsonProperty("source_id") UUID sourceId, @JsonProperty("throttled_until") Instant throttledUntil,
			@JsonProperty("retry_after_ms") long retryAfterMs) {
	}

}
