package io.noterag.conversation.history.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.data.domain.Persistable;

/** A row of {@code conversations}. */
@Entity
@Table(name = "conversations")
public class ConversationEntity implements Persistable<UUID> {

	@Id
	private UUID id;

	@Column(name = "user_id", nullable = false)
	private UUID userId;

	@Column(nullable = false, length = 500)
	private String title;

	/** Whether the title is the default one, to be replaced on the first exchange. */
	@Column(name = "title_pending", nullable = false)
	private boolean titlePending;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Map<String, Object> metadata = new LinkedHashMap<>();

	@Transient
	private boolean fresh;

	protected ConversationEntity() {
	}

	public ConversationEntity(UUID id, UUID userId, String title, boolean titlePending, Instant createdAt) {
		this.id = id;
		this.userId = userId;
		this.title = title;
		this.titlePending = titlePending;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.fresh = true;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	@PostLoad
	@PostPersist
	void markStored() {
		this.fresh = false;
	}

	public UUID getUserId() {
		return this.userId;
	}

	public String getTitle() {
		return this.title;
	}

	public boolean isTitlePending() {
		return this.titlePending;
	}

	/**
	 * Gives the conversation its own title.
	 * @param title the new title
	 */
	public void rename(String title) {
		this.title = title;
		this.titlePending = false;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public void touch(Instant when) {
		if (when.isAfter(this.updatedAt)) {
			this.updatedAt = when;
		}
	}

	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

}
