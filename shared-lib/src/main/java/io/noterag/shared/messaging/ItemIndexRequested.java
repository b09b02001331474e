package io.noterag.shared.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import io.noterag.shared.source.plugin.ItemRef;

/**
 * One item of a sync job to index, or to remove when {@code deleted}. A sync publishes
 * one per item once it has listed the source and recorded the job's plan; handling one is
 * idempotent (unchanged content is skipped by hash, ids are deterministic,
 * document-service counts an item of a job once), so a message delivered twice does no
 * harm. Published on {@link Topology#INDEXING_EXCHANGE} with
 * {@link Topology#ITEM_INDEX_REQUESTED}.
 *
 * @param jobId the sync job the item belongs to
 * @param dataSourceId the data source
 * @param sourceType its type
 * @param item the item as listed (only its id for a deletion)
 * @param deleted whether the item is gone at the source and its document is to be removed
 * @param requestedAt when the item was planned
 * @param recorded whether document-service had recorded the item's document when the job
 * was planned; {@code null} when the planning did not look (the worker then asks)
 */
public record ItemIndexRequested(UUID jobId, UUID dataSourceId, String sourceType, ItemRef item,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean deleted, Instant requestedAt, Boolean recorded) {

	/**
	 * An item whose planning did not look at what document-service had recorded.
	 * @param jobId the sync job the item belongs to
	 * @param dataSourceId the data source
	 * @param sourceType its type
	 * @param item the item as listed (only its id for a deletion)
	 * @param deleted whether the item is gone at the source
	 * @param requestedAt when the item was planned
	 */
	public ItemIndexRequested(UUID jobId, UUID dataSourceId, String sourceType, ItemRef item, boolean deleted,
			Instant requestedAt) {
		this(jobId, dataSourceId, sourceType, item, deleted, requestedAt, null);
	}

	/**
	 * Whether the item was new at planning: document-service had no document for it, so
	 * the worker need not ask again before indexing it (should it have been indexed
	 * since, by an earlier delivery of this message, indexing it again does no harm).
	 * @return whether it was planned as new
	 */
	public boolean newAtPlanning() {
		return Boolean.FALSE.equals(this.recorded);
	}

}
