package io.noterag.document.job;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of sync jobs.
 *
 * @param maxFailures how many failed items a job keeps with their reasons; the count of
 * failed items is always exact
 * @param reaper when silent jobs are failed
 * @param metrics how the gauges of jobs are read
 */
@Validated
@ConfigurationProperties(prefix = "noterag.jobs")
public record JobProperties(@Positive @DefaultValue("500") int maxFailures, @Valid @NotNull @DefaultValue Reaper reaper,
		@Valid @NotNull @DefaultValue Metrics metrics) {

	/**
	 * When the reaper fails a job.
	 *
	 * @param interval how often it looks
	 * @param heartbeatTimeout a running job not yet planned (the worker is still listing
	 * the source) without a heartbeat for this long; the worker sends one every
	 * {@code noterag.indexing.job.heartbeat-interval} (30 seconds by default) while it
	 * lists, so this must be several times that interval
	 * @param itemTimeout a planned job without any item report or heartbeat for this
	 * long; must exceed the sum of the worker's retry delays (1 + 2 + 4 minutes by
	 * default) plus the time of one attempt, because an item waiting in a retry queue is
	 * reported only after its last attempt
	 * @param queuedTimeout a queued job whose message was published this long ago
	 */
	public record Reaper(@NotNull @DefaultValue("1m") Duration interval,
			@NotNull @DefaultValue("10m") Duration heartbeatTimeout, @NotNull @DefaultValue("20m") Duration itemTimeout,
			@NotNull @DefaultValue("30m") Duration queuedTimeout) {

	}

	/**
	 * How the gauges of jobs are read.
	 *
	 * @param refreshInterval how often one scheduled refresh reads the queued and running
	 * jobs from the database; scrapes read what it found, so every replica reports the
	 * same figures and a scrape costs no query
	 */
	public record Metrics(@NotNull @DefaultValue("5s") Duration refreshInterval) {

	}

}
