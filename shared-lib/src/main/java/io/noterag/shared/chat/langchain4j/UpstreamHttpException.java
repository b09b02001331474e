package io.noterag.shared.chat.langchain4j;

import java.time.Duration;

import dev.langchain4j.exception.HttpException;

/**
 * A provider answered with a status other than 2xx. Extends langchain4j's
 * {@link HttpException} so that langchain4j maps it as usual (it keeps it as the cause),
 * and adds the wait the provider asked for in {@code Retry-After}.
 */
final class UpstreamHttpException extends HttpException {

	private final Duration retryAfter;

	UpstreamHttpException(int statusCode, String body, Duration retryAfter) {
		super(statusCode, body);
		this.retryAfter = retryAfter;
	}

	/**
	 * The wait the provider asked for.
	 * @return the wait, or {@code null} when it asked for none
	 */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
