package io.noterag.indexing.plugin.databricks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the Databricks source talks to workspaces.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer (a statement call may take
 * {@code statementWaitTimeout} longer)
 * @param statementWaitTimeout how long the Statement Execution API holds the first call
 * before answering with a statement to poll ({@code 0s}, or 5 to 50 seconds; other values
 * are brought into that range)
 * @param pollInterval the pause between two polls of a running statement
 * @param statementTimeout the longest a metadata statement may take, waiting for a
 * stopped warehouse to start included; it is then canceled and the sync retried later
 * @param maxThrottleWait the longest one call waits out 429/503 answers (their
 * {@code Retry-After}) before the source is reported throttled
 * @param modifiedSlack how far before the last sync's start an incremental listing looks
 * for changes, for clocks that disagree; unchanged items listed again are skipped by
 * content hash
 * @param maxCursorSize the largest listing cursor (the compressed ids of everything
 * present) kept between syncs; above it every incremental sync lists everything again
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources.databricks")
public record DatabricksProperties(@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("60s") Duration readTimeout, @DefaultValue("10s") Duration statementWaitTimeout,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("10m") Duration statementTimeout,
		@DefaultValue("30s") Duration maxThrottleWait, @DefaultValue("10m") Duration modifiedSlack,
		@DefaultValue("512KB") DataSize maxCursorSize) {

	/**
	 * The defaults, as bound with no setting.
	 * @return the defaults
	 */
	public static DatabricksProperties defaults() {
		return new DatabricksProperties(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10),
				Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofMinutes(10),
				DataSize.ofKilobytes(512));
	}

}
