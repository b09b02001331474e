package io.noterag.shared.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on: it becomes a problem detail with this status, title
 * and detail, never a 500.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	public ApiException(HttpStatus status, String title, String detail) {
		super(detail);
		this.status = status;
		this.title = title;
	}

	public static ApiException badRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	public static ApiException unavailable(String detail) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getTitle() {
		return this.title;
	}

}
