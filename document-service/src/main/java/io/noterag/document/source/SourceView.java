package io.noterag.document.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.noterag.document.job.JobView;

/**
 * A data source as the admin API shows it. Credentials appear only by name.
 *
 * @param id the source
 * @param type its type
 * @param name its display name
 * @param config its settings
 * @param ownerId the administrator who registered it
 * @param syncEnabled whether the hourly incremental sync includes it
 * @param status whether it can be synced, as last seen
 * @param statusError what is wrong when the status is not ok
 * @param credentialsSet the names of the credentials it has, sorted
 * @param lastSyncedAt when the last sync that completed started, or {@code null}
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 * @param latestJob its most recent sync job, or {@code null}
 */
public record SourceView(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
		boolean syncEnabled, SourceStatus status, String statusError, List<String> credentialsSet, Instant lastSyncedAt,
		Instant createdAt, Instant updatedAt, JobView latestJob) {

}
