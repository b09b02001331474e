package io.noterag.document.source;

import org.springframework.http.HttpStatus;

import io.noterag.shared.web.ApiException;

/**
 * An account connection failed; the problem detail also carries the identity platform's
 * error code ({@code access_denied}, {@code invalid_grant}) when there is one.
 */
class ConnectionProblem extends ApiException {

	private final String error;

	ConnectionProblem(HttpStatus status, String title, String detail, String error) {
		super(status, title, detail);
		this.error = error;
	}

	String error() {
		return this.error;
	}

}
