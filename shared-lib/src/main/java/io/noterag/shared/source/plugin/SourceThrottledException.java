package io.noterag.shared.source.plugin;

import java.time.Duration;

/**
 * The source keeps throttling (429/503 with Retry-After) beyond what the plugin waits for
 * itself: the work should wait at least {@link #retryAfter()} and go on, not fail.
 */
public class SourceThrottledException extends SourceUnavailableException {

	private final Duration retryAfter;

	public SourceThrottledException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long the source asked to wait.
	 * @return the wait
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
