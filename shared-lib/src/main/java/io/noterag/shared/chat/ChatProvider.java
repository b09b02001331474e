package io.noterag.shared.chat;

import java.util.Objects;

/**
 * One configured provider of a {@link ChatGateway} as health reports show it: never its
 * key or address.
 *
 * @param name the provider's name in results and logs, such as {@code openai}
 * @param type its type ({@code openai}, {@code azure-openai}, {@code anthropic},
 * {@code ollama})
 * @param model the model it is asked for
 * @param circuitBreaker the state of its circuit breaker: {@code closed} (asked),
 * {@code open} (skipped for a while after repeated failures), {@code half-open} (probed
 * with a few attempts), or {@code disabled}, {@code forced-open}, {@code metrics-only}
 */
public record ChatProvider(String name, String type, String model, String circuitBreaker) {

	/**
	 * Checks the status.
	 * @param name the name
	 * @param type the type
	 * @param model the model
	 * @param circuitBreaker the breaker's state
	 */
	public ChatProvider {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(circuitBreaker, "circuitBreaker");
	}

}
