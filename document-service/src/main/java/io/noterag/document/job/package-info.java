/**
 * Sync jobs: one per requested sync of a data source, {@code queued -> running ->
 * succeeded | completed_with_errors | failed}, at most one queued or running per source
 * (a unique index enforces it across replicas). The indexing worker starts a job, reports
 * progress (which is also its heartbeat) and finishes it through the internal API;
 * {@code progress} and {@code finish} on a job that has already finished are refused with
 * 409, like {@code start}, so the worker stops and drops the message. A reaper fails jobs
 * whose worker went silent, with conditional updates that are safe with several replicas.
 */
package io.noterag.document.job;
