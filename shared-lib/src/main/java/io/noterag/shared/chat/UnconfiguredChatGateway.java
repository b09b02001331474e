package io.noterag.shared.chat;

import java.util.List;

/**
 * The {@link ChatGateway} of a service without any language model: not
 * {@link #configured()}, and every call fails with a {@link ChatUnavailableException}
 * that says how to configure one.
 */
final class UnconfiguredChatGateway implements ChatGateway {

	static final String MESSAGE = "No language model is configured: set noterag.llm.providers[0].type "
			+ "(openai, azure-openai, anthropic or ollama) and noterag.llm.providers[0].model";

	@Override
	public ChatResult complete(ChatRequest request) {
		throw unavailable();
	}

	@Override
	public Cancellable stream(ChatRequest request, ChatStreamListener listener) {
		Thread.ofVirtual().name("llm-stream").start(() -> listener.onError(unavailable()));
		return () -> {
		};
	}

	@Override
	public boolean configured() {
		return false;
	}

	private static ChatUnavailableException unavailable() {
		return new ChatUnavailableException(MESSAGE, List.of());
	}

	@Override
	public String toString() {
		return "UnconfiguredChatGateway";
	}

}
