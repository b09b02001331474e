package io.noterag.indexing.job;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;

/**
 * Sends a job's count-free heartbeat to document-service at a fixed interval until it is
 * closed, so that a listing of thousands of items, which reports nothing else for
 * minutes, is not taken for a dead worker. A heartbeat that cannot be delivered is logged
 * and the next one tried; one refused because the job has ended (or is gone) stops the
 * heartbeats.
 */
final class JobHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JobHeartbeat.class);

	private final UUID jobId;

	private final DocumentServiceClient documentService;

	private volatile boolean ended;

	private volatile ScheduledFuture<?> task;

	private JobHeartbeat(UUID jobId, DocumentServiceClient documentService, ScheduledExecutorService scheduler,
			Duration interval) {
		this.jobId = jobId;
		this.documentService = documentService;
		long millis = Math.max(1, interval.toMillis());
		this.task = scheduler.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts sending heartbeats, the first one after {@code interval}.
	 * @param jobId the running job
	 * @param documentService where they go
	 * @param scheduler the thread that sends them
	 * @param interval how often
	 * @return the heartbeat, to be closed once the job's items are published
	 */
	static JobHeartbeat start(UUID jobId, DocumentServiceClient documentService, ScheduledExecutorService scheduler,
			Duration interval) {
		return new JobHeartbeat(jobId, documentService, scheduler, interval);
	}

	/**
	 * Whether document-service answered that the job has ended or is gone.
	 * @return whether the job has ended
	 */
	boolean jobEnded() {
		return this.ended;
	}

	private void beat() {
		if (this.ended) {
			return;
		}
		try {
			this.documentService.heartbeat(this.jobId);
		}
		catch (DocumentServiceException.JobAlreadyFinished | DocumentServiceException.NotFound ex) {
			this.ended = true;
			logger.info("Sync job {} has ended or is gone; its heartbeat stops", this.jobId);
			close();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the heartbeat of sync job {}: {}", this.jobId, ex.getMessage());
		}
	}

	@Override
	public void close() {
		ScheduledFuture<?> scheduled = this.task;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}
