package io.noterag.document.job;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What the worker reports while it runs a job, and when it finishes one. Counts are the
 * totals so far, not increments; a missing count or failure list leaves the stored one
 * unchanged.
 *
 * @param state only when finishing: succeeded, completed_with_errors or failed
 * @param seen items found at the source
 * @param indexed items (re-)indexed
 * @param skippedUnchanged items whose content had not changed
 * @param deleted items removed
 * @param failed items that failed
 * @param failures the failed items with their reasons
 * @param error only when finishing: why the whole job failed
 */
public record JobReport(JobState state, @PositiveOrZero Integer seen, @PositiveOrZero Integer indexed,
		@PositiveOrZero Integer skippedUnchanged, @PositiveOrZero Integer deleted, @PositiveOrZero Integer failed,
		@Valid List<Failure> failures, @Size(max = 10000) String error) {

}
