package io.noterag.shared.chat;

import java.util.List;

/**
 * No language model could answer: none is configured, every provider failed (after its
 * retries), was skipped because its circuit breaker is open, or answered with something
 * unusable (text that is not JSON for a JSON request). The caller answers without a
 * language model (extractively) and says the answer is degraded. The message names each
 * provider and why it failed, and never contains an API key or the prompt.
 */
public class ChatUnavailableException extends RuntimeException {

	private final List<String> failures;

	/**
	 * Creates the exception.
	 * @param message what happened
	 * @param failures one line per provider tried, in order, such as
	 * {@code "openai (gpt-4o-mini): answered 503 ..."}
	 */
	public ChatUnavailableException(String message, List<String> failures) {
		super(message);
		this.failures = List.copyOf(failures);
	}

	/**
	 * Why each provider failed, in the order they were tried.
	 * @return one line per provider
	 */
	public List<String> failures() {
		return this.failures;
	}

}
