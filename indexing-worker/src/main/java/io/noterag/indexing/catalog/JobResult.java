package io.noterag.indexing.catalog;

import java.util.List;

/**
 * How a job ended.
 *
 * @param state {@code succeeded}, {@code completed_with_errors} or {@code failed}
 * @param seen items found
 * @param indexed items indexed
 * @param skippedUnchanged items unchanged
 * @param deleted documents removed
 * @param failed items that failed
 * @param failures the failed items with reasons
 * @param error why the job itself failed, or {@code null}
 */
public record JobResult(String state, int seen, int indexed, int skippedUnchanged, int deleted, int failed,
		List<ItemFailure> failures, String error) {

	public static final String SUCCEEDED = "succeeded";

	public static final String COMPLETED_WITH_ERRORS = "completed_with_errors";

	public static final String FAILED = "failed";

	public JobResult {
		failures = List.copyOf(failures);
	}

	public static JobResult of(String state, JobProgress counts, String error) {
		return new JobResult(state, counts.seen(), counts.indexed(), counts.skippedUnchanged(), counts.deleted(),
				counts.failed(), counts.failures(), error);
	}

}
