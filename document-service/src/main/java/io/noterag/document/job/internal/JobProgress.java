package io.noterag.document.job.internal;

import java.time.Duration;
import java.time.Instant;

import io.noterag.document.job.JobState;

/**
 * How far a job has come as of one moment, the same figures for the API and the gauges.
 *
 * @param total items of the sync (planned plus rejected); null before the plan
 * @param processed items done, whatever their outcome (rejected ones included)
 * @param percent {@code processed} of {@code total}, 0 to 100, rounded down; null before
 * the plan
 * @param exactPercent the same without rounding
 * @param rate items processed per second since the job started; null before it started or
 * in its first instant
 * @param etaSeconds seconds until every item is done at that rate; 0 once completed, null
 * when unknown
 */
public record JobProgress(Integer total, int processed, Integer percent, Double exactPercent, Double rate,
		Long etaSeconds) {

	/**
	 * Computes a job's progress.
	 * @param state its state
	 * @param planned item messages planned, or null before the plan
	 * @param rejected items rejected while listing
	 * @param done items reported (indexed, unchanged, deleted or failed)
	 * @param startedAt when it started, or null
	 * @param finishedAt when it ended, or null
	 * @param now the moment the rate and the estimate are computed for
	 * @return the progress
	 */
	public static JobProgress of(JobState state, Integer planned, int rejected, int done, Instant startedAt,
			Instant finishedAt, Instant now) {
		int processed = done + rejected;
		Integer total = (planned != null) ? planned + rejected : null;
		Integer percent = null;
		Double exactPercent = null;
		if (total != null) {
			percent = (total == 0) ? 100 : (int) Math.min(100, (long) processed * 100 / total);
			exactPercent = (total == 0) ? 100.0 : Math.min(100.0, processed * 100.0 / total);
		}
		Double rate = null;
		if (startedAt != null) {
			Instant end = (finishedAt != null) ? finishedAt : now;
			double seconds = Duration.between(startedAt, end).toNanos() / 1e9;
			rate = (seconds > 0) ? processed / seconds : null;
		}
		Long etaSeconds = null;
		if (state == JobState.SUCCEEDED || state == JobState.COMPLETED_WITH_ERRORS) {
			etaSeconds = 0L;
		}
		else if (!state.isFinished() && total != null && rate != null && rate > 0) {
			etaSeconds = (long) Math.ceil(Math.max(0, total - processed) / rate);
		}
		return new JobProgress(total, processed, percent, exactPercent, rate, etaSeconds);
	}

}
