package io.noterag.document.source;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.source.plugin.InvalidSourceConfigException;

/**
 * The indexing worker reads a source here, with its credentials decrypted, and writes
 * back rotated credentials and the source's status. Service tokens only.
 */
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

	@PutMapping("/internal/sources/{id}/credentials")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void credentials(@PathVariable UUID id, @Valid @RequestBody CredentialsUpdate update) {
		this.sources.updateCredentials(id, update);
	}

	@PutMapping("/internal/sources/{id}/status")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void status(@PathVariable UUID id, @Valid @RequestBody StatusUpdate update) {
		this.sources.updateStatus(id, SourceStatus.of(update.status()), update.error());
	}

	@ExceptionHandler(InvalidSourceConfigException.class)
	ResponseEntity<ProblemDetail> invalidCredentials(InvalidSourceConfigException ex, HttpServletRequest request) {
		return SourceProblems.invalid(ex, request);
	}

}
