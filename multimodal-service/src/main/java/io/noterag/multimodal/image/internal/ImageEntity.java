package io.noterag.multimodal.image.internal;

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

import io.noterag.multimodal.image.Dimensions;

/** A row of {@code images}. */
@Entity
@Table(name = "images")
public class ImageEntity implements Persistable<UUID> {

	@Id
	private UUID id;

	@Column(name = "document_id", nullable = false)
	private UUID documentId;

	@Column(name = "data_source_id")
	private UUID dataSourceId;

	@Column(name = "storage_path", nullable = false, length = 500)
	private String storagePath;

	@Column(name = "thumbnail_path", length = 500)
	private String thumbnailPath;

	@Column(name = "ocr_text")
	private String ocrText;

	@Column(name = "caption")
	private String caption;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Dimensions dimensions;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "thumbnail_dimensions")
	private Dimensions thumbnailDimensions;

	@Column(name = "content_type", nullable = false, length = 100)
	private String contentType;

	@Column(name = "size_bytes", nullable = false)
	private long sizeBytes;

	@Column(nullable = false, length = 64)
	private String sha256;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private Map<String, Object> metadata = new LinkedHashMap<>();

	@Transient
	private boolean fresh;

	protected ImageEntity() {
	}

	public ImageEntity(UUID id, UUID documentId, UUID dataSourceId, String storagePath, String thumbnailPath,
			Dimensions dimensions, Dimensions thumbnailDimensions, String contentType, long sizeBytes, String sha256,
			Instant createdAt, Map<String, Object> metadata) {
		this.id = id;
		this.documentId = documentId;
		this.dataSourceId = dataSourceId;
		this.storagePath = storagePath;
		this.thumbnailPath = thumbnailPath;
		this.dimensions = dimensions;
		this.thumbnailDimensions = thumbnailDimensions;
		this.contentType = contentType;
		this.sizeBytes = sizeBytes;
		this.sha256 = sha256;
		this.createdAt = createdAt;
		this.metadata = new LinkedHashMap<>(metadata);
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

	public UUID getDocumentId() {
		return this.documentId;
	}

	/**
	 * The data source whose item the image was found in.
	 * @return its id, or {@code null} for an image uploaded by a user or stored before
	 * images recorded their data source
	 */
	public UUID getDataSourceId() {
		return this.dataSourceId;
	}

	public String getStoragePath() {
		return this.storagePath;
	}

	public String getThumbnailPath() {
		return this.thumbnailPath;
	}

	public String getOcrText() {
		return this.ocrText;
	}

	public String getCaption() {
		return this.caption;
	}

	public Dimensions getDimensions() {
		return this.dimensions;
	}

	public Dimensions getThumbnailDimensions() {
		return this.thumbnailDimensions;
	}

	public String getContentType() {
		return this.contentType;
	}

	public long getSizeBytes() {
		return this.sizeBytes;
	}

	public String getSha256() {
		return this.sha256;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

}
