package io.noterag.shared.rerank;

/**
 * A {@link Reranker} could not score the passages: its backend failed, answered with an
 * error or with something it should not have, or took too long. The caller keeps the
 * first-stage order. The message says what happened (for an HTTP backend the status and
 * the provider's own message) and never contains a credential.
 */
public class RerankException extends RuntimeException {

	/**
	 * A failure without an underlying exception.
	 * @param message what happened
	 */
	public RerankException(String message) {
		super(message);
	}

	/**
	 * A failure caused by another exception.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public RerankException(String message, Throwable cause) {
		super(message, cause);
	}

}
