package io.noterag.document.source.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "data_sources")
public class DataSourceEntity {

	@Id
	private UUID id;

	@Column(nullable = false, length = 50)
	private String type;

	@Column(nullable = false)
	private String name;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Map<String, Object> config = new LinkedHashMap<>();

	@Column(nullable = false)
	private UUID ownerId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> principals = new ArrayList<>();

	@Column(nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant updatedAt;

	protected DataSourceEntity() {
	}

	public DataSourceEntity(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
			List<String> principals, Instant now) {
		this.id = id;
		this.type = type;
		this.name = name;
		this.config = new LinkedHashMap<>(config);
		this.ownerId = ownerId;
		this.principals = new ArrayList<>(principals);
		this.createdAt = now;
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public String getType() {
		return this.type;
	}

	public String getName() {
		return this.name;
	}

	public Map<String, Object> getConfig() {
		return this.config;
	}

	public UUID getOwnerId() {
		return this.ownerId;
	}

	public List<String> getPrincipals() {
		return this.principals;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
