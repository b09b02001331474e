package io.noterag.indexing.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sync jobs and their items run.
 *
 * @param embeddingBatchSize chunks embedded per call of the embedder
 * @param publishBatchSize item messages published before waiting for the broker's
 * confirmations
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.job")
public record JobProperties(@Min(1) @Max(1024) @DefaultValue("16") int embeddingBatchSize,
		@Min(1) @Max(10000) @DefaultValue("500") int publishBatchSize) {
}
