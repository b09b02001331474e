package io.noterag.indexing.job;

import java.util.ArrayList;
import java.util.List;

import io.noterag.indexing.catalog.ItemFailure;
import io.noterag.indexing.catalog.JobProgress;

/**
 * The counts of one run of a job, read by the heartbeat while the job thread updates
 * them.
 */
final class JobCounts {

	private final int maxReportedFailures;

	private final List<ItemFailure> failures = new ArrayList<>();

	private int seen;

	private int indexed;

	private int skippedUnchanged;

	private int deleted;

	private int failed;

	JobCounts(int maxReportedFailures) {
		this.maxReportedFailures = maxReportedFailures;
	}

	synchronized void seen() {
		this.seen++;
	}

	synchronized void indexed() {
		this.indexed++;
	}

	synchronized void skippedUnchanged() {
		this.skippedUnchanged++;
	}

	synchronized void deleted() {
		this.deleted++;
	}

	synchronized void failed(String item, String reason) {
		this.failed++;
		if (this.failures.size() < this.maxReportedFailures) {
			this.failures.add(new ItemFailure(item, reason));
		}
	}

	synchronized int failedCount() {
		return this.failed;
	}

	synchronized JobProgress snapshot() {
		return new JobProgress(this.seen, this.indexed, this.skippedUnchanged, this.deleted, this.failed,
				this.failures);
	}

}
