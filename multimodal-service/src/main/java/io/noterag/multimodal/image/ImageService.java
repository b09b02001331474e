package io.noterag.multimodal.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

import io.noterag.multimodal.document.Documents;
import io.noterag.multimodal.image.internal.ImageCodec;
import io.noterag.multimodal.image.internal.ImageCodec.Decoded;
import io.noterag.multimodal.image.internal.ImageCodec.UnreadableImageException;
import io.noterag.multimodal.image.internal.ImageEntity;
import io.noterag.multimodal.image.internal.ImageRepository;
import io.noterag.shared.storage.ObjectStore;
import io.noterag.shared.web.ApiException;

/**
 * Stores images of documents: the original bytes and a PNG thumbnail go to the object
 * store first, the row last, and a failure at any step removes what was already stored,
 * so that there is never a row without its objects. Nothing is kept in memory.
 */
@Service
public class ImageService {

	private static final Logger log = LoggerFactory.getLogger(ImageService.class);

	private static final String THUMBNAIL_TYPE = "image/png";

	private static final int MAX_FILENAME_LENGTH = 255;

	private static final int DELETE_BATCH = 500;

	private final ImageRepository images;

	private final ObjectStore objects;

	private final Documents documents;

	private final ImageCodec codec;

	public ImageService(ImageRepository images, ObjectStore objects, Documents documents, ImageProperties properties) {
		this.images = images;
		this.objects = objects;
		this.documents = documents;
		this.codec = new ImageCodec(properties.maxPixels(), properties.thumbnailSize());
	}

	/**
	 * Accepts an image of a document.
	 * @param documentId the document, which must exist in document-service
	 * @param filename the name the client gave the file, kept as information only
	 * @param data the file's bytes
	 * @return the stored image
	 * @throws ApiException 400 when the bytes are not an accepted image, 404 when the
	 * document does not exist, 503 when document-service cannot tell
	 */
	public Image upload(UUID documentId, String filename, byte[] data) {
		Decoded decoded;
		try {
			decoded = this.codec.decode(data);
		}
		catch (UnreadableImageException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		this.documents.requireExists(documentId);
		UUID id = UUID.randomUUID();
		String originalKey = "images/" + id + "/original." + decoded.format().extension();
		String thumbnailKey = "images/" + id + "/thumbnail.png";
		Map<String, Object> metadata = new LinkedHashMap<>();
		String name = cleanFilename(filename);
		if (name != null) {
			metadata.put("original_filename", name);
		}
		ImageEntity entity = new ImageEntity(id, documentId, null, originalKey, thumbnailKey, decoded.dimensions(),
				decoded.thumbnailDimensions(), decoded.format().contentType(), data.length, sha256(data),
				Instant.now().truncatedTo(ChronoUnit.MICROS), metadata);
		try {
			this.objects.put(originalKey, data, decoded.format().contentType());
			this.objects.put(thumbnailKey, decoded.thumbnailPng(), THUMBNAIL_TYPE);
			this.images.saveAndFlush(entity);
		}
		catch (RuntimeException ex) {
			deleteObjects(List.of(originalKey, thumbnailKey));
			throw ex;
		}
		return toImage(entity);
	}

	public Image get(UUID id) {
		return toImage(find(id));
	}

	/**
	 * The original bytes of an image.
	 * @param id the image
	 * @return its media type and bytes
	 */
	public Content content(UUID id) {
		ImageEntity image = find(id);
		return new Content(image.getContentType(), image.getSha256(), read(image.getStoragePath(), id));
	}

	/**
	 * The thumbnail of an image.
	 * @param id the image
	 * @return its media type and bytes
	 */
	public Content thumbnail(UUID id) {
		ImageEntity image = find(id);
		if (image.getThumbnailPath() == null) {
			throw ApiException.notFound("Image " + id + " has no thumbnail.");
		}
		return new Content(THUMBNAIL_TYPE, image.getSha256() + "-thumbnail", read(image.getThumbnailPath(), id));
	}

	public List<Image> forDocument(UUID documentId) {
		return this.images.findByDocumentIdOrderByCreatedAtAscIdAsc(documentId)
			.stream()
			.map(ImageService::toImage)
			.toList();
	}

	/**
	 * Removes every image of a document: the rows first, then their objects (an object
	 * left behind by a failure is unreachable, never a row without its bytes).
	 * @param documentId the document
	 * @return how many images were removed
	 */
	public int deleteForDocument(UUID documentId) {
		List<ImageEntity> doomed = this.images.findByDocumentIdOrderByCreatedAtAscIdAsc(documentId);
		if (doomed.isEmpty()) {
			return 0;
		}
		int deleted = this.images.deleteByIds(doomed.stream().map(ImageEntity::getId).toList());
		deleteObjects(doomed.stream()
			.flatMap((image) -> Stream.of(image.getStoragePath(), image.getThumbnailPath()))
			.filter(Objects::nonNull)
			.toList());
		return deleted;
	}

	/**
	 * Removes every image found in the items of a data source, in batches. Unlike
	 * {@link #deleteForDocument(UUID)} the objects go first and the rows last: the
	 * source's documents are already gone, nobody asks for these images any more, and a
	 * failure leaves the rows that tell a repeated call which objects are still to be
	 * removed, so nothing is ever left behind unreachable. Idempotent.
	 * @param dataSourceId the data source
	 * @return how many images were removed
	 * @throws ApiException 503 when an object cannot be removed (the rows of the images
	 * not yet removed stay, for a repeated call)
	 */
	public int deleteForDataSource(UUID dataSourceId) {
		int deleted = 0;
		List<ImageEntity> batch;
		while (!(batch = this.images.findByDataSourceIdOrderByIdAsc(dataSourceId, PageRequest.ofSize(DELETE_BATCH)))
			.isEmpty()) {
			for (ImageEntity image : batch) {
				Stream.of(image.getStoragePath(), image.getThumbnailPath())
					.filter(Objects::nonNull)
					.forEach((key) -> deleteObjectOf(image, key));
			}
			deleted += this.images.deleteByIds(batch.stream().map(ImageEntity::getId).toList());
		}
		if (deleted > 0) {
			log.info("Removed {} images of data source {}", deleted, dataSourceId);
		}
		return deleted;
	}

	private void deleteObjectOf(ImageEntity image, String key) {
		try {
			this.objects.delete(key);
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete object {} of image {}: {}", key, image.getId(), ex.toString());
			throw ApiException.unavailable("The object store could not remove the bytes of image " + image.getId()
					+ "; the images not yet removed are kept for a repeated request.");
		}
	}

	/**
	 * Makes a document's images exactly the given ones, as found in its item at the
	 * source: each image's id is derived from the document and the image's id inside the
	 * item, so repeating the call changes nothing; an image whose bytes changed is
	 * replaced, one no longer given is removed. Bytes that are not an accepted image are
	 * skipped with a reason. The document is not looked up: the indexing worker stores
	 * images before it records the document. The data source, when given, is recorded on
	 * every image of the document (also on those kept unchanged), so that they can be
	 * removed with the source once document-service no longer knows its documents.
	 * @param documentId the document
	 * @param dataSourceId the data source of the document's item, or {@code null} when
	 * the caller does not say (images already recorded with one keep it)
	 * @param given the images of its item
	 * @return the images stored and the ones skipped
	 */
	public Replaced replaceForDocument(UUID documentId, UUID dataSourceId, List<ItemImageUpload> given) {
		if (dataSourceId != null) {
			this.images.assignDataSource(documentId, dataSourceId);
		}
		Map<UUID, ImageEntity> existing = new LinkedHashMap<>();
		this.images.findByDocumentIdOrderByCreatedAtAscIdAsc(documentId)
			.forEach((image) -> existing.put(image.getId(), image));
		List<Image> stored = new java.util.ArrayList<>();
		List<Skipped> skipped = new java.util.ArrayList<>();
		java.util.Set<UUID> kept = new java.util.HashSet<>();
		for (ItemImageUpload upload : given) {
			UUID id = itemImageId(documentId, upload.imageId());
			if (!kept.add(id)) {
				continue;
			}
			String sha256 = sha256(upload.content());
			ImageEntity current = existing.get(id);
			if (current != null && current.getSha256().equals(sha256)) {
				stored.add(toImage(current));
				continue;
			}
			Decoded decoded;
			try {
				decoded = this.codec.decode(upload.content());
			}
			catch (UnreadableImageException ex) {
				kept.remove(id);
				skipped.add(new Skipped(upload.imageId(), ex.getMessage()));
				continue;
			}
			if (current != null) {
				delete(List.of(current));
			}
			String originalKey = "images/" + id + "/original." + decoded.format().extension();
			String thumbnailKey = "images/" + id + "/thumbnail.png";
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("item_image_id", upload.imageId());
			if (upload.altText() != null && !upload.altText().isBlank()) {
				metadata.put("alt_text", upload.altText());
			}
			ImageEntity entity = new ImageEntity(id, documentId, dataSourceId, originalKey, thumbnailKey,
					decoded.dimensions(), decoded.thumbnailDimensions(), decoded.format().contentType(),
					upload.content().length, sha256, Instant.now().truncatedTo(ChronoUnit.MICROS), metadata);
			try {
				this.objects.put(originalKey, upload.content(), decoded.format().contentType());
				this.objects.put(thumbnailKey, decoded.thumbnailPng(), THUMBNAIL_TYPE);
				this.images.saveAndFlush(entity);
			}
			catch (RuntimeException ex) {
				deleteObjects(List.of(originalKey, thumbnailKey));
				throw ex;
			}
			stored.add(toImage(entity));
		}
		delete(existing.values().stream().filter((image) -> !kept.contains(image.getId())).toList());
		return new Replaced(stored, skipped);
	}

	/**
	 * The id of an image found in a document's item.
	 * @param documentId the document
	 * @param itemImageId the image's id inside the item
	 * @return a name-based UUID of both
	 */
	public static UUID itemImageId(UUID documentId, String itemImageId) {
		return UUID
			.nameUUIDFromBytes((documentId + "/" + itemImageId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private void delete(List<ImageEntity> doomed) {
		if (doomed.isEmpty()) {
			return;
		}
		this.images.deleteByIds(doomed.stream().map(ImageEntity::getId).toList());
		deleteObjects(doomed.stream()
			.flatMap((image) -> Stream.of(image.getStoragePath(), image.getThumbnailPath()))
			.filter(Objects::nonNull)
			.toList());
	}

	private ImageEntity find(UUID id) {
		return this.images.findById(id).orElseThrow(() -> ApiException.notFound("Image not found: " + id));
	}

	private byte[] read(String key, UUID id) {
		return this.objects.get(key).orElseThrow(() -> {
			log.error("Image {} has a row but no object under {}", id, key);
			return ApiException.notFound("The bytes of image " + id + " are missing.");
		});
	}

	private void deleteObjects(List<String> keys) {
		for (String key : keys) {
			try {
				this.objects.delete(key);
			}
			catch (RuntimeException ex) {
				log.warn("Could not delete object {}: {}", key, ex.toString());
			}
		}
	}

	private static String cleanFilename(String filename) {
		if (filename == null) {
			return null;
		}
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
			.replaceAll("\\p{Cntrl}", "")
			.strip();
		if (name.isEmpty()) {
			return null;
		}
		return (name.length() > MAX_FILENAME_LENGTH) ? name.substring(0, MAX_FILENAME_LENGTH) : name;
	}

	private static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Image toImage(ImageEntity image) {
		return new Image(image.getId(), image.getDocumentId(), image.getStoragePath(), image.getThumbnailPath(),
				image.getDimensions(), image.getThumbnailDimensions(), image.getContentType(), image.getSizeBytes(),
				image.getOcrText(), image.getCaption(), image.getCreatedAt());
	}

	/**
	 * An image found in a document's item.
	 *
	 * @param imageId its id inside the item
	 * @param content its bytes
	 * @param altText the text the item gives it, if any
	 */
	public record ItemImageUpload(String imageId, byte[] content, String altText) {

	}

	/**
	 * An image of an item that was not stored.
	 *
	 * @param imageId its id inside the item
	 * @param reason why
	 */
	public record Skipped(String imageId, String reason) {

	}

	/**
	 * The images of a document after a replacement.
	 *
	 * @param images those stored
	 * @param skipped those that are not accepted images
	 */
	public record Replaced(List<Image> images, List<Skipped> skipped) {

	}

	/**
	 * Bytes to send.
	 *
	 * @param contentType their media type
	 * @param etag a strong validator of the bytes
	 * @param data the bytes
	 */
	public record Content(String contentType, String etag, byte[] data) {

	}

}
