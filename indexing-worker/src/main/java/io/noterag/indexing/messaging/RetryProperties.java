package io.noterag.indexing.messaging;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a message whose work failed is tried again.
 *
 * @param maxAttempts attempts in all, the first included; after the last the message goes
 * to the dead-letter queue
 * @param initialInterval delay before the second attempt
 * @param multiplier factor applied to the delay for each further attempt
 * @param maxInterval the longest delay
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.retry")
public record RetryProperties(@Min(1) @DefaultValue("4") int maxAttempts, @DefaultValue("5s") Duration initialInterval,
		@DecimalMin("1.0") @DefaultValue("3.0") double multiplier, @DefaultValue("5m") Duration maxInterval) {

	/**
	 * The delay after a failed attempt.
	 * @param attempt the attempt that failed, from 1
	 * @return how long to wait before the next one
	 */
	public Duration delayAfter(int attempt) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		return Duration.ofMillis((long) Math.min(millis, this.maxInterval.toMillis()));
	}

}
