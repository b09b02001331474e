package io.noterag.query.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of {@code query_analytics}. */
@Entity
@Table(name = "query_analytics")
public class QueryAnalyticsEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(name = "user_id", nullable = false)
	private String userId;

	@Column(name = "conversation_id")
	private UUID conversationId;

	@Column(name = "query", nullable = false)
	private String query;

	@Column(name = "rag_technique")
	private String ragTechnique;

	@Column(name = "latency_ms")
	private Integer latencyMs;

	@Column(name = "tokens_used")
	private Integer tokensUsed;

	@Column(name = "cost_usd", precision = 10, scale = 6)
	private BigDecimal costUsd;

	@Column(name = "documents_retrieved")
	private Integer documentsRetrieved;

	@Column(name = "timestamp", nullable = false)
	private Instant timestamp;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "metadata", nullable = false)
	private String metadata;

	protected QueryAnalyticsEntity() {
	}

	public QueryAnalyticsEntity(String userId, UUID conversationId, String query, String ragTechnique,
			Integer latencyMs, Integer tokensUsed, BigDecimal costUsd, Integer documentsRetrieved, Instant timestamp,
			String metadata) {
		this.userId = userId;
		this.conversationId = conversationId;
		this.query = query;
		this.ragTechnique = ragTechnique;
		this.latencyMs = latencyMs;
		this.tokensUsed = tokensUsed;
		this.costUsd = costUsd;
		this.documentsRetrieved = documentsRetrieved;
		this.timestamp = timestamp;
		this.metadata = metadata;
	}

	public UUID getId() {
		return this.id;
	}

	public String getUserId() {
		return this.userId;
	}

	public UUID getConversationId() {
		return this.conversationId;
	}

	public String getQuery() {
		return this.query;
	}

	public String getRagTechnique() {
		return this.ragTechnique;
	}

	public Integer getLatencyMs() {
		return this.latencyMs;
	}

	public Integer getTokensUsed() {
		return this.tokensUsed;
	}

	public BigDecimal getCostUsd() {
		return this.costUsd;
	}

	public Integer getDocumentsRetrieved() {
		return this.documentsRetrieved;
	}

	public Instant getTimestamp() {
		return this.timestamp;
	}

	public String getMetadata() {
		return this.metadata;
	}

}
