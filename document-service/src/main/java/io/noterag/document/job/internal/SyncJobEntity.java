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

	protected SyncJobEntity() {
	}

	public static SyncJobEntity queued(UUID id, UUID dataSourceId, UUID outboxId, Instant now) {
		SyncJobEntity job = new SyncJobEntity();
		job.id = id;
		job.dataSourceId = dataSourceId;
		job.state = JobState.QUEUED;
		job.outboxId = outboxId;
		job.createdAt = now;
		job.updatedAt = now;
		return job;
	}

	public JobView toView() {
		return new JobView(this.id, this.dataSourceId, this.state, this.createdAt, this.startedAt, this.finishedAt,
				this.updatedAt, this.seen, this.indexed, this.skippedUnchanged, this.deleted, this.failed,
				List.copyOf(this.failures), this.error);
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
