package io.noterag.indexing.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sources that asked this worker to wait (throttling with Retry-After): until then their
 * items are set aside instead of being read.
 */
class SourcePauses {

	private final Map<UUID, Instant> until = new ConcurrentHashMap<>();

	private final Clock clock;

	SourcePauses(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Pauses a source, keeping a longer pause already in place.
	 * @param sourceId the source
	 * @param wait how long
	 */
	void pause(UUID sourceId, Duration wait) {
		Instant end = this.clock.instant().plus(wait);
		this.until.merge(sourceId, end, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * How long a source is still paused.
	 * @param sourceId the source
	 * @return the time left, or {@link Duration#ZERO}
	 */
	Duration remaining(UUID sourceId) {
		Instant end = this.until.get(sourceId);
		if (end == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), end);
		if (left.isNegative() || left.isZero()) {
			this.until.remove(sourceId, end);
			return Duration.ZERO;
		}
		return left;
	}

}
