package io.noterag.document.source;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A source's status as the indexing worker saw it.
 *
 * @param status {@code ok}, {@code needs_reconnect} or {@code error}
 * @param error what is wrong, or {@code null}
 */
public record StatusUpdate(@NotBlank @Pattern(regexp = "ok|needs_reconnect|error",
		message = "must be one of ok, needs_reconnect, error") String status, String error) {

}
