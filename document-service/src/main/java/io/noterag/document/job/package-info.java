/**
 * Sync jobs: one per requested sync of a data source, {@code queued -> running ->
 * succeeded | completed_with_errors | failed}, at most one queued or running per source
 * (a unique index enforces it across replicas). The indexing worker starts a job, plans
 * it once it has listed the source's changes (how many item messages it published, the
 * items it rejected, the cursor to keep), then reports each item once it is done with it;
 * the first report of an item counts and a repeated one changes nothing (one row per job
 * and item). Plans and reports of a job are serialized by the lock on its row, so the
 * report of the last item completes the job exactly once, in the same transaction that
 * records the job's cursor and start time as the source's {@link SyncState}. Jobs show
 * their progress (total, processed, percent, rate, estimated time left) and are measured
 * by source type. {@code progress} (also the heartbeat while listing) and {@code finish}
 * remain for job-level reports; on a finished job they are refused with 409, like
 * {@code start}, so the worker stops and drops the message. A reaper fails jobs whose
 * worker went silent, with conditional updates that are safe with several replicas, and
 * waits longer for a planned job, whose items may still be waiting in retry queues.
 */
package io.noterag.document.job;
