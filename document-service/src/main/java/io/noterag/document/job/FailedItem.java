package io.noterag.document.job;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of a source whose most recent report was a failure, to be tried again by the
 * next incremental sync.
 *
 * @param itemId the item's id inside its source
 * @param reason why it failed last
 * @param jobId the job that reported it failed last
 * @param failedAt when
 * @param failures how many jobs in a row reported it failed
 */
public record FailedItem(String itemId, String reason, UUID jobId, Instant failedAt, int failures) {

}
