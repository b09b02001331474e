package io.noterag.document.job;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workers' shared record of sources that throttle. {@code PUT} records that a source
 * asked to wait (its queued or running job keeps the later end of all waits reported) and
 * answers the wait now in force, {@code throttled_until} null when the source has no
 * queued or running job; 404 when the source does not exist. {@code GET} lists the
 * sources whose wait lasts, each with the milliseconds left.
 */
@RestController
class InternalThrottleController {

	private final SourceThrottles throttles;

	InternalThrottleController(SourceThrottles throttles) {
		this.throttles = throttles;
	}

	@PutMapping("/internal/sources/{sourceId}/throttle")
	SourceThrottle report(@PathVariable UUID sourceId, @Valid @RequestBody ThrottleReport report) {
		return this.throttles.record(sourceId, Duration.ofMillis(report.retryAfterMs()));
	}

	@GetMapping("/internal/throttled-sources")
	List<SourceThrottle> current() {
		return this.throttles.current();
	}

}
