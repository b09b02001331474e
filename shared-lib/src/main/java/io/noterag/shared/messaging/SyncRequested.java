package io.noterag.shared.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A sync of a data source was requested and recorded as a job. The worker reads the
 * source's configuration from document-service, so no credential travels in a message.
 *
 * @param jobId the sync job
 * @param dataSourceId the data source
 * @param sourceType its type
 * @param requestedAt when the job was created
 * @param full whether to list everything at the source, ignoring the cursor and the time
 * of the last sync (an incremental sync otherwise, when the source type supports it);
 * {@code false} when a message leaves it out
 */
public record SyncRequested(UUID jobId, UUID dataSourceId, String sourceType, Instant requestedAt,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean full) {

	/**
	 * A full sync request.
	 * @param jobId the sync job
	 * @param dataSourceId the data source
	 * @param sourceType its type
	 * @param requestedAt when the job was created
	 */
	public SyncRequested(UUID jobId, UUID dataSourceId, String sourceType, Instant requestedAt) {
		this(jobId, dataSourceId, sourceType, requestedAt, true);
	}

}
