package io.noterag.document.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay publishes.
 *
 * @param relayInterval pause between two looks for unpublished rows
 * @param batchSize rows taken and locked per transaction
 * @param confirmTimeout how long to wait for the broker's confirms of a batch
 * @param initialBackoff wait before retrying a failed row, doubled per attempt
 * @param maxBackoff longest wait between two attempts
 */
@Validated
@ConfigurationProperties(prefix = "noterag.outbox")
public record OutboxProperties(@NotNull @DefaultValue("200ms") Duration relayInterval,
		@Positive @DefaultValue("20") int batchSize, @NotNull @DefaultValue("5s") Duration confirmTimeout,
		@NotNull @DefaultValue("1s") Duration initialBackoff, @NotNull @DefaultValue("1m") Duration maxBackoff) {

}
