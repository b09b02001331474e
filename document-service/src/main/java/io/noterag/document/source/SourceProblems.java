package io.noterag.document.source;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.web.Problems;

/** Problem details of the sources API that carry more than a detail. */
final class SourceProblems {

	private SourceProblems() {
	}

	/**
	 * A wrong configuration or credential: 400 with the {@code field}.
	 * @param ex the problem
	 * @param request the request
	 * @return the response
	 */
	static ResponseEntity<ProblemDetail> invalid(InvalidSourceConfigException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid source configuration", ex.getMessage(),
				request);
		problem.setProperty("field", ex.field());
		return respond(problem);
	}

	/**
	 * A failed account connection, with the identity platform's error code.
	 * @param ex the problem
	 * @param request the request
	 * @return the response
	 */
	static ResponseEntity<ProblemDetail> connection(ConnectionProblem ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(ex.getStatus(), ex.getTitle(), ex.getMessage(), request);
		if (ex.error() != null) {
			problem.setProperty("error", ex.error());
		}
		return respond(problem);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
