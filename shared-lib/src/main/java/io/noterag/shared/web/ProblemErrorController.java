package io.noterag.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (failures outside any controller) with a problem
 * detail instead of the default error page, and never with a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer i) ? i : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String detail = switch (status) {
			case NOT_FOUND -> "No resource at this path.";
			case METHOD_NOT_ALLOWED -> "This method is not supported at this path.";
			case PAYLOAD_TOO_LARGE -> "The request body is larger than the configured limit.";
			default ->
				status.is5xxServerError() ? "The request failed unexpectedly. Quote the request id when reporting it."
						: status.getReasonPhrase();
		};
		ProblemDetail problem = Problems.of(status, status.getReasonPhrase(), detail, request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(java.net.URI.create(uri.toString()));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
