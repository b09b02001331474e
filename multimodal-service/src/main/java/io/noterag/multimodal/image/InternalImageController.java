package io.noterag.multimodal.image;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.web.ApiException;

/**
 * Images per document: for document-service (to show them with a document, and to remove
 * them with it) and for the indexing worker (to replace a document's images with those
 * found in its item, idempotently, recording the item's data source; and to remove all
 * the images of a deleted data source). Service tokens only.
 */
@RestController
@RequestMapping("/internal/images")
class InternalImageController {

	private final ImageService images;

	InternalImageController(ImageService images) {
		this.images = images;
	}

	/**
	 * The images found in a document's item.
	 *
	 * @param images the images, possibly none
	 */
	record ReplaceImagesRequest(List<ItemImage> images) {
	}

	/**
	 * One image found in an item.
	 *
	 * @param imageId its id inside the item (stable across syncs)
	 * @param mediaType its media type as the source says (the bytes decide)
	 * @param content its bytes, base64
	 * @param altText the text the item gives it, if any
	 */
	record ItemImage(String imageId, String mediaType, String content, String altText) {
	}

	@GetMapping
	List<Image> list(@RequestParam("document_id") UUID documentId) {
		return this.images.forDocument(documentId);
	}

	@PutMapping
	ImageService.Replaced replace(@RequestParam("document_id") UUID documentId,
			@RequestParam(name = "data_source_id", required = false) UUID dataSourceId,
			@RequestBody ReplaceImagesRequest request) {
		if (request == null || request.images() == null) {
			throw ApiException.badRequest("images: the list of the document's images is required (possibly empty).");
		}
		List<ImageService.ItemImageUpload> uploads = new ArrayList<>();
		for (ItemImage image : request.images()) {
			if (image == null || image.imageId() == null || image.imageId().isBlank()) {
				throw ApiException.badRequest("images[].image_id: every image needs its id inside the item.");
			}
			byte[] content;
			try {
				content = Base64.getDecoder().decode((image.content() != null) ? image.content() : "");
			}
			catch (IllegalArgumentException ex) {
				throw ApiException
					.badRequest("images[].content: the bytes of image '" + image.imageId() + "' are not valid base64.");
			}
			uploads.add(new ImageService.ItemImageUpload(image.imageId(), content, image.altText()));
		}
		return this.images.replaceForDocument(documentId, dataSourceId, uploads);
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@RequestParam(name = "document_id", required = false) UUID documentId,
			@RequestParam(name = "data_source_id", required = false) UUID dataSourceId) {
		if ((documentId == null) == (dataSourceId == null)) {
			throw ApiException.badRequest(
					"document_id or data_source_id: exactly one is required, the document or the data source whose images to remove.");
		}
		if (documentId != null) {
			this.images.deleteForDocument(documentId);
		}
		else {
			this.images.deleteForDataSource(dataSourceId);
		}
		return ResponseEntity.noContent().build();
	}

}
