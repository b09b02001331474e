package io.noterag.indexing.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many items this worker indexes at once.
 *
 * @param concurrency consumers of the item queue; unset for one per processor core plus
 * two, because an item spends part of its time waiting (index commit, document-service)
 * and the extra consumers keep the embedding model busy meanwhile (on two cores: 9.3
 * documents/s with two, 9.8 with three; with one ONNX thread per text, four gave 81% of
 * the model's own rate; {@code bin/index-bench}, docs/performance.md)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.items")
public record ItemConsumerProperties(@Min(1) @Max(256) Integer concurrency) {

	/**
	 * The consumers to start.
	 * @return the configured number, or the number of cores plus two
	 */
	public int consumers() {
		return (this.concurrency != null) ? this.concurrency : Runtime.getRuntime().availableProcessors() + 2;
	}

}
