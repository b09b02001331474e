package io.noterag.multimodal.image;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Images per document, for document-service (to show them with a document, and to remove
 * them with it). Service tokens only.
 */
@RestController
@RequestMapping("/internal/images")
class InternalImageController {

	private final ImageService images;

	InternalImageController(ImageService images) {
		this.images = images;
	}

	@GetMapping
	List<Image> list(@RequestParam("document_id") UUID documentId) {
		return this.images.forDocument(documentId);
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@RequestParam("document_id") UUID documentId) {
		this.images.deleteForDocument(documentId);
		return ResponseEntity.noContent().build();
	}

}
