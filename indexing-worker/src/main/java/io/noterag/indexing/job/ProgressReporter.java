package io.noterag.indexing.job;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.JobProgress;

/**
 * Reports a running job's counts to document-service after every few items and, as a
 * heartbeat, at a fixed interval even while one large file is being processed. A report
 * that fails is only logged: the job's own calls decide whether document-service is
 * really gone.
 */
final class ProgressReporter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProgressReporter.class);

	private final DocumentServiceClient client;

	private final UUID jobId;

	private final JobCounts counts;

	private final int everyItems;

	private final long intervalNanos;

	private final Map<String, String> context;

	private final ScheduledFuture<?> heartbeat;

	private int itemsSinceReport;

	private long lastReport = System.nanoTime();

	private boolean closed;

	ProgressReporter(DocumentServiceClient client, UUID jobId, JobCounts counts, int everyItems, Duration interval,
			ScheduledExecutorService scheduler) {
		this.client = client;
		this.jobId = jobId;
		this.counts = counts;
		this.everyItems = everyItems;
		this.intervalNanos = interval.toNanos();
		this.context = MDC.getCopyOfContextMap();
		long millis = Math.max(10, interval.toMillis());
		this.heartbeat = scheduler.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Counts an item done, reporting when enough have been done since the last report.
	 */
	void itemDone() {
		boolean due;
		synchronized (this) {
			this.itemsSinceReport++;
			due = this.itemsSinceReport >= this.everyItems;
		}
		if (due) {
			report();
		}
	}

	private void beat() {
		if (this.context != null) {
			MDC.setContextMap(this.context);
		}
		try {
			boolean due;
			synchronized (this) {
				due = System.nanoTime() - this.lastReport >= this.intervalNanos;
			}
			if (due) {
				report();
			}
		}
		finally {
			MDC.clear();
		}
	}

	private synchronized void report() {
		if (this.closed) {
			return;
		}
		JobProgress progress = this.counts.snapshot();
		this.itemsSinceReport = 0;
		this.lastReport = System.nanoTime();
		try {
			this.client.progress(this.jobId, progress);
		}
		catch (DocumentServiceException ex) {
			logger.warn("Could not report the progress of job {}: {}", this.jobId, ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not report the progress of job {}", this.jobId, ex);
		}
	}

	@Override
	public void close() {
		this.heartbeat.cancel(false);
		synchronized (this) {
			// waits for a report being sent, so that none arrives after the finish
			this.closed = true;
		}
	}

}
