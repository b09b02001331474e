package io.noterag.document.job.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.noterag.document.job.Failure;
import io.noterag.document.job.ItemOutcome;
import io.noterag.document.job.JobState;
import io.noterag.document.job.JobView;

@Entity
@Table(name = "sync_jobs")
public class SyncJobEntity {

	@Id
	private UUID id;

	@Column(name = "data_source_id", nullable = false)
	private UUID dataSourceId;

	@Convert(converter = JobStateConverter.class)
	@Column(nullable = false, length = 32)
	private JobState state;

	private int seen;

	private int indexed;

	private int skippedUnchanged;

	private int deleted;

	private int failed;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private List<Failure> failures = new ArrayList<>();

	@Column(columnDefinition = "text")
	private String error;

	private UUID outboxId;

	@Column(nullable = false)
	private Instant createdAt;

	private Instant startedAt;

	private Instant finishedAt;

	@Column(nullable = false)
	private Instant updatedAt;

	private Instant heartbeatAt;

	private Integer planned;

	private int rejected;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private List<Failure> rejectedItems = new ArrayList<>();

	private int reported;

	@Column(columnDefinition = "text")
	private String pendingCursor;

	private Boolean fullSync;

	private Instant throttledUntil;

	protected SyncJobEntity() {
	}

	public static SyncJobEntity queued(UUID id, UUID dataSourceId, boolean full, UUID outboxId, Instant now) {
		SyncJobEntity job = new SyncJobEntity();
		job.id = id;
		job.dataSourceId = dataSourceId;
		job.fullSync = full;
		job.state = JobState.QUEUED;
		job.outboxId = outboxId;
		job.createdAt = now;
		job.updatedAt = now;
		return job;
	}

	/**
	 * The job as the API shows it, with its progress as of {@code now}.
	 * @param now the time the rate, the estimate and the throttling are judged at
	 * @return the view
	 */
	public JobView toView(Instant now) {
		JobProgress progress = progress(now);
		Double docsPerSecond = (progress.rate() != null) ? Math.round(progress.rate() * 100) / 100.0 : null;
		List<Failure> allFailures = new ArrayList<>(this.rejectedItems);
		allFailures.addAll(this.failures);
		return new JobView(this.id, this.dataSourceId, this.state, this.fullSync, this.createdAt, this.startedAt,
				this.finishedAt, this.updatedAt, progress.total(), progress.processed(), progress.percent(),
				docsPerSecond, progress.etaSeconds(), throttledUntil(now), this.seen, this.indexed,
				this.skippedUnchanged, this.deleted, this.failed + this.rejected, this.rejected,
				List.copyOf(allFailures), this.error);
	}

	/**
	 * The job's progress as of {@code now}.
	 * @param now the time the rate and the estimate are computed for
	 * @return the progress
	 */
	public JobProgress progress(Instant now) {
		return JobProgress.of(this.state, this.planned, this.rejected,
				this.indexed + this.skippedUnchanged + this.deleted + this.failed, this.startedAt, this.finishedAt,
				now);
	}

	/**
	 * Until when the job's source asked the workers to wait.
	 * @param now the time to judge at
	 * @return the end of the wait while the job is queued or running and the wait lasts,
	 * else null
	 */
	public Instant throttledUntil(Instant now) {
		return (!this.state.isFinished() && this.throttledUntil != null && this.throttledUntil.isAfter(now))
				? this.throttledUntil : null;
	}

	public void start(Instant now) {
		this.state = JobState.RUNNING;
		this.startedAt = now;
		this.heartbeatAt = now;
		this.updatedAt = now;
	}

	public void heartbeat(Instant now) {
		this.heartbeatAt = now;
		this.updatedAt = now;
	}

	public void counts(Integer seen, Integer indexed, Integer skippedUnchanged, Integer deleted, Integer failed) {
		this.seen = (seen != null) ? seen : this.seen;
		this.indexed = (indexed != null) ? indexed : this.indexed;
		this.skippedUnchanged = (skippedUnchanged != null) ? skippedUnchanged : this.skippedUnchanged;
		this.deleted = (deleted != null) ? deleted : this.deleted;
		this.failed = (failed != null) ? failed : this.failed;
	}

	public void failures(List<Failure> failures) {
		this.failures = new ArrayList<>(failures);
	}

	public void finish(JobState state, String error, Instant now) {
		this.state = state;
		this.error = error;
		if (this.startedAt == null) {
			this.startedAt = now;
		}
		this.finishedAt = now;
		this.updatedAt = now;
	}

	/**
	 * Records the worker's plan, replacing an earlier one; reported items stay.
	 * @param planned item messages published
	 * @param rejected items rejected while listing
	 * @param rejectedItems the first of them with their reasons
	 * @param cursor the source's cursor once all items are done, or null
	 * @param now when
	 */
	public void plan(int planned, int rejected, List<Failure> rejectedItems, String cursor, Instant now) {
		this.planned = planned;
		this.rejected = rejected;
		this.rejectedItems = new ArrayList<>(rejectedItems);
		this.pendingCursor = cursor;
		this.seen = Math.max(this.seen, planned + rejected);
		heartbeat(now);
	}

	/**
	 * Counts an item reported for the first time.
	 * @param outcome what happened to it
	 * @param failure the item with its reason when it failed, else null
	 * @param maxFailures how many failures the job keeps with their reasons
	 */
	public void itemReported(ItemOutcome outcome, Failure failure, int maxFailures) {
		this.reported++;
		switch (outcome) {
			case INDEXED -> this.indexed++;
			case SKIPPED_UNCHANGED -> this.skippedUnchanged++;
			case DELETED -> this.deleted++;
			case FAILED -> {
				this.failed++;
				if (failure != null && this.failures.size() < maxFailures) {
					this.failures.add(failure);
				}
			}
		}
	}

	/**
	 * @return whether a plan exists and every planned item has been reported
	 */
	public boolean allItemsReported() {
		return this.planned != null && this.reported >= this.planned;
	}

	/**
	 * @return whether any item failed or was rejected
	 */
	public boolean hasItemErrors() {
		return this.failed > 0 || this.rejected > 0;
	}

	public boolean isPlanned() {
		return this.planned != null;
	}

	public String getPendingCursor() {
		return this.pendingCursor;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getDataSourceId() {
		return this.dataSourceId;
	}

	public JobState getState() {
		return this.state;
	}

}
