package io.noterag.query.ask;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * Streaming answers ({@code POST /api/v2/query/stream}).
 *
 * @param timeout how long one stream may stay open; the stream ends (and nothing is
 * stored) when the answer is not complete by then
 */
@Validated
@ConfigurationProperties(prefix = "noterag.query.stream")
record QueryStreamProperties(@NotNull @DurationMin(seconds = 1) @DefaultValue("120s") Duration timeout) {
}
