package io.noterag.document.source;

import java.util.UUID;

import io.noterag.document.job.JobView;

/**
 * A source whose account was just connected.
 *
 * @param sourceId the source
 * @param status its status, now {@code ok}
 * @param syncJob the sync queued right away, or {@code null} when the source does not
 * sync on its own or already has a sync queued or running
 */
public record ConnectedSource(UUID sourceId, SourceStatus status, JobView syncJob) {

}
