package io.noterag.document.source;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scheduled incremental sync of every source.
 *
 * @param enabled whether this replica takes part in it
 * @param cron when it runs (Spring cron: second minute hour day month weekday)
 * @param lockAtMostFor how long a replica that died while queueing holds the cluster-wide
 * lock
 * @param lockAtLeastFor how long the lock is held after a run, so that a replica whose
 * clock is a little late does not run the same schedule again; keep it shorter than the
 * interval between runs
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sync.schedule")
public record SyncScheduleProperties(@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("0 0 * * * *") String cron, @NotNull @DefaultValue("10m") Duration lockAtMostFor,
		@NotNull @DefaultValue("1m") Duration lockAtLeastFor) {

}
