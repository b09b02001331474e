package io.noterag.gateway.web;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the gateway answers itself with a problem detail that needs more than a
 * status and a sentence: extra members (e.g. {@code error} for OAuth2 clients,
 * {@code enabled_providers}) or response headers (e.g. {@code WWW-Authenticate}).
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	private final Map<String, ?> extra;

	private final HttpHeaders headers;

	public ProblemException(HttpStatus status, String title, String detail, Map<String, ?> extra, HttpHeaders headers) {
		super(detail, null, false, false);
		this.status = status;
		this.title = title;
		this.extra = Map.copyOf(extra);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	public ProblemException(HttpStatus status, String title, String detail, Map<String, ?> extra) {
		this(status, title, detail, extra, new HttpHeaders());
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getTitle() {
		return this.title;
	}

	public Map<String, ?> getExtra() {
		return this.extra;
	}

	public HttpHeaders getHeaders() {
		return this.headers;
	}

}
