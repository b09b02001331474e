package io.noterag.indexing.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many items this worker indexes at once.
 *
 * @param concurrency consumers of the item queue; unset for one per processor core
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.items")
public record ItemConsumerProperties(@Min(1) @Max(256) Integer concurrency) {

	/**
	 * The consumers to start.
	 * @return the configured number, or the number of cores
	 */
	public int consumers() {
		return (this.concurrency != null) ? this.concurrency : Runtime.getRuntime().availableProcessors();
	}

}
