package io.noterag.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error translator of every servlet service: each failure becomes an RFC 9457
 * problem detail with the request id; unexpected ones are logged and answered without any
 * internal detail.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApi(ApiException ex, HttpServletRequest request) {
		return respond(Problems.of(ex.getStatus(), ex.getTitle(), ex.getMessage(), request));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> handleConstraint(ConstraintViolationException ex, HttpServletRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getConstraintViolations()
			.forEach((v) -> errors.put(snakeCase(v.getPropertyPath().toString()), v.getMessage()));
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", describe(errors), request);
		problem.setProperty("errors", errors);
		return respond(problem);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> handleDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(
				Problems.of(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this operation.", request));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> handleUnauthenticated(AuthenticationException ex, HttpServletRequest request) {
		return respond(
				Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.", request));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The request failed unexpectedly. Quote the request id when reporting it.", request));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((e) -> errors.putIfAbsent(snakeCase(e.getField()), e.getDefaultMessage()));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((e) -> errors.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
		ProblemDetail problem = ex.getBody();
		problem.setTitle("Invalid request");
		problem.setDetail(describe(errors));
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getParameterValidationResults()
			.forEach((r) -> r.getResolvableErrors()
				.forEach((e) -> errors.putIfAbsent(snakeCase(r.getMethodParameter().getParameterName()),
						e.getDefaultMessage())));
		ProblemDetail problem = ex.getBody();
		problem.setTitle("Invalid request");
		problem.setDetail(describe(errors));
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The request body is missing or is not valid JSON of the expected shape.");
		problem.setTitle("Malformed request body");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			HttpServletRequest servletRequest = (request instanceof NativeWebRequest nwr)
					? nwr.getNativeRequest(HttpServletRequest.class) : null;
			Problems.decorate(problem, servletRequest);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** Field names as the client wrote them: the API speaks snake_case. */
	static String snakeCase(String name) {
		return (name != null) ? name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT) : null;
	}

	private static String describe(Map<String, String> errors) {
		if (errors.isEmpty()) {
			return "The request is not valid.";
		}
		return errors.entrySet()
			.stream()
			.map((e) -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining("; "));
	}

}
