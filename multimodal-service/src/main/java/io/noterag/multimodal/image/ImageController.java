package io.noterag.multimodal.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;

import io.noterag.shared.web.ApiException;

/** Upload an image of a document and read it back. */
@RestController
@RequestMapping("/api/v2/images")
class ImageController {

	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();

	private final ImageService images;

	private final ImageProperties properties;

	ImageController(ImageService images, ImageProperties properties) {
		this.images = images;
		this.properties = properties;
	}

	@PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('USER', 'ADMIN')")
	ResponseEntity<ImageResponse> upload(@RequestParam(name = "document_id", required = false) String documentId,
			@RequestParam(name = "file", required = false) MultipartFile file) {
		UUID document = parseDocumentId(documentId);
		if (file == null) {
			throw ApiException.badRequest("file: a multipart part named 'file' with the image is required.");
		}
		if (file.isEmpty()) {
			throw ApiException.badRequest("file: the uploaded file is empty.");
		}
		long limit = this.properties.maxUploadSize().toBytes();
		if (file.getSize() > limit) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
					"file: the image is larger than the limit of " + limit + " bytes.");
		}
		Image image = this.images.upload(document, file.getOriginalFilename(), bytes(file));
		return ResponseEntity.created(URI.create("/api/v2/images/" + image.id())).body(new ImageResponse(image));
	}

	@GetMapping("/{id}")
	ImageResponse get(@PathVariable UUID id) {
		return new ImageResponse(this.images.get(id));
	}

	@GetMapping("/{id}/content")
	ResponseEntity<byte[]> content(@PathVariable UUID id, WebRequest request) {
		return send(this.images.content(id), request);
	}

	@GetMapping("/{id}/thumbnail")
	ResponseEntity<byte[]> thumbnail(@PathVariable UUID id, WebRequest request) {
		return send(this.images.thumbnail(id), request);
	}

	private static ResponseEntity<byte[]> send(ImageService.Content content, WebRequest request) {
		String etag = "\"" + content.etag() + "\"";
		if (request.checkNotModified(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(content.contentType()))
			.contentLength(content.data().length)
			.eTag(etag)
			.cacheControl(IMMUTABLE)
			.body(content.data());
	}

	private static UUID parseDocumentId(String documentId) {
		if (documentId == null || documentId.isBlank()) {
			throw ApiException.badRequest("document_id: the id of the document the image belongs to is required.");
		}
		try {
			UUID id = UUID.fromString(documentId.strip());
			if (!id.toString().equalsIgnoreCase(documentId.strip())) {
				throw new IllegalArgumentException(documentId);
			}
			return id;
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("document_id: '" + abbreviate(documentId) + "' is not a UUID.");
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record ImageResponse(Image image) {
	}

}
