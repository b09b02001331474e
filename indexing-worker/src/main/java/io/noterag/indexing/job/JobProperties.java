package io.noterag.indexing.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sync jobs run.
 *
 * @param embeddingBatchSize chunks embedded per call of the embedder
 * @param progressEveryItems report progress after this many items
 * @param heartbeatInterval and at least this often while the job runs
 * @param maxReportedFailures failed items listed with their reasons (all are counted)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.job")
public record JobProperties(@Min(1) @Max(1024) @DefaultValue("16") int embeddingBatchSize,
		@Min(1) @DefaultValue("25") int progressEveryItems, @DefaultValue("2s") Duration heartbeatInterval,
		@Min(1) @DefaultValue("200") int maxReportedFailures) {
}
