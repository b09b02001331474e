package io.noterag.document.document;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

	/** Whether the sync job named in an upsert counted the document's item. */
	static final String ITEM_COUNTED = "X-Job-Item-Counted";

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

	/**
	 * Records a document; when the request names its sync job, the answer's
	 * {@value #ITEM_COUNTED} header says whether that job counted the item as indexed.
	 */
	@PutMapping("/internal/documents/{id}")
	ResponseEntity<StoredDocument> upsert(@PathVariable UUID id, @Valid @RequestBody UpsertDocumentRequest request) {
		DocumentService.Upserted upserted = this.documents.upsert(id, request);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (upserted.itemCounted() != null) {
			response.header(ITEM_COUNTED, upserted.itemCounted().toString());
		}
		return response.body(upserted.document());
	}

	@DeleteMapping("/internal/documents/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.documents.delete(id);
	}

}
