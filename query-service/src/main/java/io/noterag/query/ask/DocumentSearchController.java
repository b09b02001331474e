package io.noterag.query.ask;

import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v2/documents/search}. */
@RestController
class DocumentSearchController {

	private final DocumentSearchService service;

	DocumentSearchController(DocumentSearchService service) {
		this.service = service;
	}

	@PostMapping(path = "/api/v2/documents/search", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DocumentSearchResponse search(@RequestBody DocumentSearchRequest request) {
		CurrentUser user = CurrentUser.current();
		if (user == null) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.");
		}
		return this.service.search(request, user);
	}

}
