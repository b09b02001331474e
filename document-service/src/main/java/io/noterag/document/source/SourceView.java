package io.noterag.document.source;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.noterag.document.job.JobView;

/**
 * A data source as the admin API shows it.
 *
 * @param id the source
 * @param type its type
 * @param name its display name
 * @param config its settings
 * @param ownerId the administrator who registered it
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 * @param latestJob its most recent sync job
 */
public record SourceView(UUID id, String type, String name, Map<String, Object> config, UUID ownerId, Instant createdAt,
		Instant updatedAt, JobView latestJob) {

}
