package io.noterag.indexing.plugin.microsoft;

import io.noterag.shared.source.plugin.SourceException;

/**
 * Graph refused a request for a reason other than authentication, throttling or an outage
 * (e.g. {@code 400 Bad Request}); the message carries Graph's error code and message.
 */
public class GraphRequestException extends SourceException {

	private final int status;

	public GraphRequestException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

}
