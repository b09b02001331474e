package io.noterag.multimodal.image;

import java.time.Instant;
import java.util.UUID;

/**
 * An image as the API shows it.
 *
 * @param id the image's id
 * @param documentId the document it belongs to
 * @param storagePath object store key of the original
 * @param thumbnailPath object store key of the thumbnail
 * @param dimensions size of the original, read from the image
 * @param thumbnailDimensions size of the thumbnail
 * @param contentType media type of the original, recognised from its bytes
 * @param sizeBytes size of the original
 * @param ocrText text read from the image; not computed yet, always {@code null}
 * @param caption a description of the image; not computed yet, always {@code null}
 * @param createdAt when it was uploaded
 */
public record Image(UUID id, UUID documentId, String storagePath, String thumbnailPath, Dimensions dimensions,
		Dimensions thumbnailDimensions, String contentType, long sizeBytes, String ocrText, String caption,
		Instant createdAt) {

}
