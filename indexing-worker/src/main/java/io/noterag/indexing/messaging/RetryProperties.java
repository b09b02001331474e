package io.noterag.indexing.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a message whose work failed is tried again: after the first attempt it waits the
 * first delay, after the second the second delay, and so on, each delay in its own retry
 * queue; after the attempt that follows the last delay it goes to its dead-letter queue.
 *
 * @param delays the waits between attempts, in order (one retry queue each)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.retry")
public record RetryProperties(@NotEmpty @DefaultValue( {
		"1m", "2m", "4m" }) List<Duration> delays){

	public RetryProperties {
		delays = List.copyOf(delays);
		for (Duration delay : delays) {
			if (delay.isNegative() || delay.isZero()) {
				throw new IllegalArgumentException("A retry delay must be positive: " + delay);
			}
		}
	}

	/**
	 * Attempts in all, the first included.
	 * @return one more than the delays
	 */
	public int maxAttempts() {
		return this.delays.size() + 1;
	}

	/**
	 * The delay after a failed attempt.
	 * @param attempt the attempt that failed, from 1
	 * @return how long to wait before the next one (the last delay for later attempts)
	 */
	public Duration delayAfter(int attempt) {
		return this.delays.get(Math.min(this.delays.size(), Math.max(1, attempt)) - 1);
	}

	/**
	 * The distinct delays, one retry queue each.
	 * @return the delays without repeats
	 */
	public List<Duration> tiers() {
		return this.delays.stream().distinct().toList();
	}

}
