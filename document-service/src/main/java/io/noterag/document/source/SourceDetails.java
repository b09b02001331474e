package io.noterag.document.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data source as the indexing worker reads it, with its credentials decrypted: only for
 * the internal API. {@link #toString()} shows the credentials' names only.
 *
 * @param id the source
 * @param type its type
 * @param name its display name
 * @param config its settings
 * @param ownerId the administrator who registered it
 * @param principals who may read what it indexes
 * @param credentials its secrets by name, decrypted
 * @param cursor where the next incremental sync starts (a delta link, a high-water mark),
 * or {@code null}
 * @param lastSyncedAt when the last sync that completed started, or {@code null}
 * @param status whether it can be synced, as last seen
 */
public record SourceDetails(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
		List<String> principals, Map<String, String> credentials, String cursor, Instant lastSyncedAt,
		SourceStatus status) {

	@Override
	public String toString() {
		return "SourceDetails[id=" + this.id + ", type=" + this.type + ", name=" + this.name + ", credentials="
				+ ((this.credentials != null) ? this.credentials.keySet() : "[]") + ", status=" + this.status + "]";
	}

}
