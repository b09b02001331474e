package io.noterag.conversation.history.internal;

import java.math.BigDecimal;
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

/** A row of {@code messages}. */
@Entity
@Table(name = "messages")
public class MessageEntity implements Persistable<UUID> {

	@Id
	private UUID id;

	@Column(name = "conversation_id", nullable = false)
	private UUID conversationId;

	/** Insertion order, assigned by the database. */
	@Column(insertable = false, updatable = false)
	private Long seq;

	@Column(nullable = false, length = 50)
	private String role;

	@Column(nullable = false)
	private String content;

	@Column(name = "timestamp", nullable = false)
	private Instant sentAt;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Map<String, Object> metadata = new LinkedHashMap<>();

	@Column(name = "tokens_used")
	private Integer tokensUsed;

	@Column(name = "cost_usd", precision = 10, scale = 6)
	private BigDecimal costUsd;

	@Transient
	private boolean fresh;

	protected MessageEntity() {
	}

	public MessageEntity(UUID id, UUID conversationId, String role, String content, Instant sentAt,
			Map<String, Object> metadata, Integer tokensUsed, BigDecimal costUsd) {
		this.id = id;
		this.conversationId = conversationId;
		this.role = role;
		this.content = content;
		this.sentAt = sentAt;
		this.metadata = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
		this.tokensUsed = tokensUsed;
		this.costUsd = costUsd;
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

	public UUID getConversationId() {
		return this.conversationId;
	}

	public String getRole() {
		return this.role;
	}

	public String getContent() {
		return this.content;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

	public Integer getTokensUsed() {
		return this.tokensUsed;
	}

	public BigDecimal getCostUsd() {
		return this.costUsd;
	}

}
