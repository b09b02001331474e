package io.noterag.document.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A source that asked the workers to wait, as recorded on its queued or running job.
 *
 * @param sourceId the source
 * @param throttledUntil until when, or null when no wait is in force (or the source has
 * no queued or running job to record it on)
 * @param retryAfterMs milliseconds left of the wait when this was answered, so that a
 * worker need not trust that its clock agrees with this service's; 0 when none
 */
public record SourceThrottle(UUID sourceId, Instant throttledUntil, long retryAfterMs) {

}
