package io.noterag.document.document;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.security.CurrentUser;

/** Documents for everyone signed in, limited to what each may read. */
@RestController
@RequestMapping("/api/v2/documents")
class DocumentController {

	private final DocumentService documents;

	DocumentController(DocumentService documents) {
		this.documents = documents;
	}

	@GetMapping
	DocumentPage list(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
		return this.documents.list(CurrentUser.current().principals(), limit, offset);
	}

	@GetMapping("/{id}")
	DocumentDetails get(@PathVariable UUID id) {
		return this.documents.details(id, CurrentUser.current().principals());
	}

}
