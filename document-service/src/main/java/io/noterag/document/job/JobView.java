package io.noterag.document.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sync job as the API shows it.
 *
 * @param id the job
 * @param sourceId its data source
 * @param state where it is
 * @param createdAt when it was requested
 * @param startedAt when a worker started it
 * @param finishedAt when it ended
 * @param updatedAt last change, including progress reports
 * @param seen items found at the source
 * @param indexed items (re-)indexed
 * @param skippedUnchanged items whose content had not changed
 * @param deleted items gone from the source and removed
 * @param failed items that failed
 * @param failures the failed items with their reasons (at most the configured number)
 * @param error why the whole job failed
 */
public record JobView(UUID id, UUID sourceId, JobState state, Instant createdAt, Instant startedAt, Instant finishedAt,
		Instant updatedAt, int seen, int indexed, int skippedUnchanged, int deleted, int failed, List<Failure> failures,
		String error) {

}
