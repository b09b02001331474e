/**
 * Sync jobs, one message per item. A sync request is planned: the source is listed
 * through its plugin, deletions are worked out, the plan (how many items, the rejected
 * ones, the next cursor) is recorded in document-service and one item message per item
 * and deletion is published. Each item is then read through its plugin, skipped when its
 * modification time or content hash is the one indexed, or extracted, chunked, embedded
 * and written (vectors, images, then metadata, so that a crash re-indexes instead of
 * losing), and reported to document-service, which finishes the job. Also removes a
 * deleted data source's chunks. Nothing is kept in memory between messages. While a
 * source is listed and its items published, a count-free heartbeat (every
 * {@code noterag.indexing.job.heartbeat-interval}, 30 seconds by default) keeps
 * document-service's reaper from failing a long listing. An incremental sync also tries
 * again, by id, the items whose last attempt failed (at most
 * {@code noterag.indexing.job.retry-failed-items}, 1000 by default), since an incremental
 * listing returns only the items that changed; a full sync lists them anyway.
 */
package io.noterag.indexing.job;
