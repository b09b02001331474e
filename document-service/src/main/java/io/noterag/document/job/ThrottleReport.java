package io.noterag.document.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A worker was told by a source to wait (429 or 503 with Retry-After) for longer than its
 * plugin waits by itself, and sets the source's items aside meanwhile.
 *
 * @param retryAfterMs how long the source asked to wait, in milliseconds (at most a day)
 */
public record ThrottleReport(@NotNull @Positive @Max(86_400_000) Long retryAfterMs) {

}
