package io.noterag.document.job;

import jakarta.validation.constraints.NotNull;

/**
 * An item of a source that could not be indexed.
 *
 * @param item the item, e.g. a path relative to the source's folder
 * @param reason why
 */
public record Failure(@NotNull String item, @NotNull String reason) {

}
