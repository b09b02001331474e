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
 * by source type; the cluster's running jobs are also gauges per source, read from the
 * database by one scheduled refresh. While it lists the source and publishes the items,
 * the worker sends a count-free {@code heartbeat}; {@code progress} and {@code finish}
 * remain for job-level reports; on a finished job they are all refused with 409, like
 * {@code start}, so the worker stops and drops the message. A reaper fails jobs whose
 * worker went silent, with conditional updates that are safe with several replicas, and
 * waits longer for a planned job, whose items may still be waiting in retry queues, and
 * until a throttling source's wait is over: workers report such waits on the source's
 * job, and read them back so that every replica holds the source's items back. The items
 * whose most recent report is a failure are kept per source ({@code source_failed_items},
 * removed once the item is reported indexed, unchanged or deleted) and handed to the
 * worker, which tries them again on the next incremental sync, since an incremental
 * listing returns only the items that changed.
 */
package io.noterag.document.job;
