package io.noterag.document.document;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The indexing worker's side of documents. */
@RestController
class InternalDocumentController {

	private final DocumentService documents;

	InternalDocumentController(DocumentService documents) {
		this.documents = documents;
	}

	@GetMapping("/internal/sources/{dataSourceId}/documents")
	List<KnownDocument> known(@PathVariable UUID dataSourceId) {
		return this.documents.known(dataSourceId);
	}

	@GetMapping("/internal/documents/{id}")
	StoredDocument get(@PathVariable UUID id) {
		return this.documents.get(id);
	}

	@PutMapping("/internal/documents/{id}")
	StoredDocument upsert(@PathVariable UUID id, @Valid @RequestBody UpsertDocumentRequest request) {
		return this.documents.upsert(id, request);
	}

	@DeleteMapping("/internal/documents/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.documents.delete(id);
	}

}
