package io.noterag.document.source;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the Microsoft identity platform sends the administrator's browser back after
 * consent. The browser carries no bearer token here: the single-use {@code state}, bound
 * to the source and the administrator who started the connection, is what authorizes the
 * call.
 */
@RestController
class OAuthCallbackController {

	static final String PATH = "/api/v2/sources/oauth/callback";

	private final OneNoteConnections connections;

	private final SourceProperties properties;

	OAuthCallbackController(OneNoteConnections connections, SourceProperties properties) {
		this.connections = connections;
		this.properties = properties;
	}

	@GetMapping(PATH)
	ResponseEntity<ConnectedSource> callback(@RequestParam(required = false) String code,
			@RequestParam(required = false) String state, @RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription) {
		ConnectedSource connected = this.connections.complete(code, state, error, errorDescription);
		URI completion = this.properties.connect().completionUrl();
		if (completion != null) {
			URI location = UriComponentsBuilder.fromUri(completion)
				.queryParam("source_id", connected.sourceId())
				.queryParam("status", connected.status().value())
				.build()
				.toUri();
			return ResponseEntity.status(HttpStatus.SEE_OTHER)
				.header(HttpHeaders.LOCATION, location.toString())
				.build();
		}
		return ResponseEntity.ok(connected);
	}

	@ExceptionHandler(ConnectionProblem.class)
	ResponseEntity<ProblemDetail> connectionProblem(ConnectionProblem ex, HttpServletRequest request) {
		return SourceProblems.connection(ex, request);
	}

}
