package io.noterag.document.job;

import java.time.Instant;

/**
 * Where the next incremental sync of a source starts.
 *
 * @param cursor the source's cursor (a delta link, a high-water mark) kept by the last
 * job that completed, or null
 * @param lastSyncedAt when the last job that completed (succeeded or completed with
 * errors) started
 */
public record SyncState(String cursor, Instant lastSyncedAt) {

}
