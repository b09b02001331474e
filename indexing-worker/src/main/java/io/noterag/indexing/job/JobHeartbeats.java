package io.noterag.indexing.job;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.noterag.indexing.catalog.DocumentServiceClient;

/**
 * Sends the heartbeats of the jobs being listed, from one daemon thread of its own (not
 * exposed as a scheduler, so that nothing else is scheduled on it).
 */
final class JobHeartbeats implements AutoCloseable {

	private final DocumentServiceClient documentService;

	private final Duration interval;

	private final ScheduledExecutorService scheduler;

	/**
	 * @param documentService where the heartbeats go
	 * @param interval how often a job's heartbeat is sent
	 */
	JobHeartbeats(DocumentServiceClient documentService, Duration interval) {
		this.documentService = documentService;
		this.interval = interval;
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sync-heartbeat").daemon().factory());
	}

	/**
	 * Starts sending a job's heartbeat, the first one after the interval.
	 * @param jobId the running job
	 * @return its heartbeat, to be closed in a {@code finally} block
	 */
	JobHeartbeat start(UUID jobId) {
		return JobHeartbeat.start(jobId, this.documentService, this.scheduler, this.interval);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
