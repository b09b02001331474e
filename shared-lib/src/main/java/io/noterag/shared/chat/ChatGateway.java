package io.noterag.shared.chat;

import java.util.List;

/**
 * Asks a language model, through an ordered chain of providers with fallback: each
 * provider is tried with its own timeout, retries and circuit breaker, then the next; an
 * answer to a deterministic request may come from a response cache. Implementations are
 * thread-safe.
 *
 * <p>
 * When no provider is configured the gateway still exists: {@link #configured()} is
 * {@code false} and every call fails with a {@link ChatUnavailableException}, so a
 * service can ask it once and fall back to an answer without a language model.
 */
public interface ChatGateway {

	/**
	 * Asks for a whole answer, waiting for it.
	 * @param request what to ask
	 * @return the answer of the first provider that gave a usable one
	 * @throws ChatUnavailableException when no provider answered usefully
	 */
	ChatResult complete(ChatRequest request);

	/**
	 * Asks for an answer delivered piece by piece as the model writes it. Returns at
	 * once; the listener is called from another thread. Before the first piece arrives a
	 * failing provider is retried and then replaced by the next one, as in
	 * {@link #complete(ChatRequest)}; once pieces were delivered a failure ends the
	 * stream with {@link ChatStreamListener#onError(Throwable)}. Streamed answers never
	 * come from the cache.
	 * @param request what to ask
	 * @param listener receives the pieces and the end
	 * @return stops the stream and closes the connection to the provider
	 */
	Cancellable stream(ChatRequest request, ChatStreamListener listener);

	/**
	 * Whether at least one provider is configured.
	 * @return {@code false} when every call is bound to fail
	 */
	boolean configured();

	/**
	 * The configured providers in the order they are tried, with the state of their
	 * circuit breakers.
	 * @return the providers; empty when none is configured
	 */
	default List<ChatProvider> providers() {
		return List.of();
	}

}
