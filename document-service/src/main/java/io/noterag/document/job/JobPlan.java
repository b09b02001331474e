package io.noterag.document.job;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What a worker is going to do for a job once it has listed the source's changes. A
 * second plan for the same job (after a crash of the worker) replaces the first; items
 * already reported stay reported.
 *
 * @param total the item messages it published (items to index plus items to delete);
 * rejected items are not among them
 * @param rejected items it could not take, with their reasons
 * @param cursor where the next incremental sync of the source starts once every item is
 * done, or null to keep the current one
 */
public record JobPlan(@NotNull @PositiveOrZero Integer total, @Valid List<Rejected> rejected,
		@Size(max = 100_000) String cursor) {

	/**
	 * An item rejected while listing.
	 *
	 * @param itemId the item's id inside its source
	 * @param reason why
	 */
	public record Rejected(@NotBlank @Size(max = 4000) String itemId, @Size(max = 10000) String reason) {

	}

}
