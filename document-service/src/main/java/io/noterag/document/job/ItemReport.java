package io.noterag.document.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The worker is done with one item of a job. Reporting the same item again changes
 * nothing: the first report counts.
 *
 * @param itemId the item's id inside its source
 * @param outcome what became of it
 * @param reason why it failed, for {@code failed}
 */
public record ItemReport(@NotBlank @Size(max = 4000) String itemId, @NotNull ItemOutcome outcome,
		@Size(max = 10000) String reason) {

}
