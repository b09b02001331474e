package io.noterag.query.analytics;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The daily aggregation of query analytics.
 *
 * @param enabled whether it runs on its schedule
 * @param cron when, in UTC (Spring cron: second minute hour day month weekday)
 * @param days how many days before today it aggregates each time (1: yesterday only; more
 * also picks up rows written late)
 * @param lockAtMostFor how long a replica that died while aggregating keeps the others
 * out
 * @param lockAtLeastFor how long the lock is kept after a run, so that a replica whose
 * clock is a little behind does not run it again
 */
@Validated
@ConfigurationProperties(prefix = "noterag.analytics.daily")
public record DailyAnalyticsProperties(@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("0 15 0 * * *") String cron, @Positive @Max(366) @DefaultValue("1") int days,
		@NotNull @DefaultValue("30m") Duration lockAtMostFor, @NotNull @DefaultValue("5m") Duration lockAtLeastFor) {

}
