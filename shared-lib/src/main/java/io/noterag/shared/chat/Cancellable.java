package io.noterag.shared.chat;

/**
 * Stops a running streamed answer: the gateway closes the connection to the provider (so
 * the provider stops generating, and billing), and the listener receives nothing more.
 * Cancelling twice, or after the stream ended, does nothing.
 */
@FunctionalInterface
public interface Cancellable {

	/** Stops the stream. */
	void cancel();

}
