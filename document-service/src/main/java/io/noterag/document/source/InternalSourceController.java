package io.noterag.document.source;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The indexing worker reads a source's configuration here. */
@RestController
class InternalSourceController {

	private final SourceService sources;

	InternalSourceController(SourceService sources) {
		this.sources = sources;
	}

	@GetMapping("/internal/sources/{id}")
	SourceDetails source(@PathVariable UUID id) {
		return this.sources.details(id);
	}

}
