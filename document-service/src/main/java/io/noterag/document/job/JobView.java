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
 * @param full whether it lists everything at the source ({@code false}: only what changed
 * since the last sync); null for jobs recorded before this was kept
 * @param createdAt when it was requested
 * @param startedAt when a worker started it
 * @param finishedAt when it ended
 * @param updatedAt last change, including progress reports
 * @param total items of this sync (planned plus rejected); null until the worker has
 * listed the source's changes
 * @param processed items done, whatever their outcome (rejected ones included)
 * @param percent {@code processed} of {@code total}, 0 to 100; null before the plan
 * @param docsPerSecond items processed per second since the job started
 * @param etaSeconds estimated seconds until every item is done; 0 once completed, null
 * when unknown
 * @param throttledUntil while the job is queued or running and its source has asked the
 * workers to wait (throttling), until when; its items are held back meanwhile and the job
 * is not taken for stuck. Null otherwise
 * @param seen items found at the source
 * @param indexed items (re-)indexed
 * @param skippedUnchanged items whose content had not changed
 * @param deleted items gone from the source and removed
 * @param failed items that failed, rejected ones included
 * @param rejected items the worker rejected while listing
 * @param failures the failed and rejected items with their reasons (at most the
 * configured number of each)
 * @param error why the whole job failed
 */
public record JobView(UUID id, UUID sourceId, JobState state, Boolean full, Instant createdAt, Instant startedAt,
		Instant finishedAt, Instant updatedAt, Integer total, int processed, Integer percent, Double docsPerSecond,
		Long etaSeconds, Instant throttledUntil, int seen, int indexed, int skippedUnchanged, int deleted, int failed,
		int rejected, List<Failure> failures, String error) {

}
