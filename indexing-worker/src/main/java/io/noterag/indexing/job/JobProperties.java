package io.noterag.indexing.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sync jobs and their items run.
 *
 * @param embeddingBatchSize chunks embedded per call of the embedder
 * @param publishBatchSize item messages published before waiting for the broker's
 * confirmations
 * @param heartbeatInterval how often a job's heartbeat is sent to document-service while
 * its source is listed and its items published; well below document-service's
 * {@code noterag.jobs.reaper.heartbeat-timeout} (10 minutes by default)
 * @param retryFailedItems at most this many items whose last attempt failed are added to
 * an incremental sync (0: none), the least recently tried first
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.job")
public record JobProperties(@Min(1) @Max(1024) @DefaultValue("16") int embeddingBatchSize,
		@Min(1) @Max(10000) @DefaultValue("500") int publishBatchSize,
		@NotNull @DefaultValue("30s") Duration heartbeatInterval,
		@Min(0) @Max(10000) @DefaultValue("1000") int retryFailedItems) {

	public JobProperties {
		if (heartbeatInterval != null && (heartbeatInterval.isNegative() || heartbeatInterval.isZero())) {
			throw new IllegalArgumentException("noterag.indexing.job.heartbeat-interval must be positive");
		}
	}

}
