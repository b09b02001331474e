package io.noterag.document.source.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.noterag.document.source.SourceStatus;

/**
 * A data source row. Its credentials are held sealed (encrypted), never in plain text;
 * {@link #toString()} shows only their names.
 */
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

	/** Sealed credentials by name. */
	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Map<String, String> credentials = new LinkedHashMap<>();

	@Column(nullable = false)
	private boolean syncEnabled = true;

	@Convert(converter = SourceStatusConverter.class)
	@Column(nullable = false, length = 32)
	private SourceStatus status = SourceStatus.OK;

	@Column(columnDefinition = "text")
	private String statusError;

	@Column(nullable = false)
	private boolean nextSyncFull = true;

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

	/**
	 * The sealed credentials.
	 * @return sealed values by name
	 */
	public Map<String, String> getCredentials() {
		return this.credentials;
	}

	public boolean isSyncEnabled() {
		return this.syncEnabled;
	}

	public SourceStatus getStatus() {
		return this.status;
	}

	public String getStatusError() {
		return this.statusError;
	}

	/**
	 * Whether the next sync must list everything (never synced, or configuration
	 * changed).
	 * @return whether the next sync is a full one
	 */
	public boolean isNextSyncFull() {
		return this.nextSyncFull;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public void rename(String name, Instant now) {
		this.name = name;
		this.updatedAt = now;
	}

	/**
	 * Replaces the configuration; the next sync lists everything again.
	 * @param config the new configuration
	 * @param principals who may read what the source indexes
	 * @param now the time of the change
	 */
	public void reconfigure(Map<String, Object> config, List<String> principals, Instant now) {
		this.config = new LinkedHashMap<>(config);
		this.principals = new ArrayList<>(principals);
		this.nextSyncFull = true;
		this.updatedAt = now;
	}

	/**
	 * Replaces the sealed credentials.
	 * @param sealed sealed values by name
	 * @param now the time of the change
	 */
	public void credentials(Map<String, String> sealed, Instant now) {
		this.credentials = new LinkedHashMap<>(sealed);
		this.updatedAt = now;
	}

	public void syncEnabled(boolean enabled, Instant now) {
		this.syncEnabled = enabled;
		this.updatedAt = now;
	}

	public void status(SourceStatus status, String error, Instant now) {
		this.status = status;
		this.statusError = error;
		this.updatedAt = now;
	}

	/** A sync has been queued; later ones may be incremental. */
	public void syncQueued() {
		this.nextSyncFull = false;
	}

	@Override
	public String toString() {
		return "DataSourceEntity[id=" + this.id + ", type=" + this.type + ", name=" + this.name + ", credentials="
				+ this.credentials.keySet() + ", status=" + this.status + "]";
	}

}
