/**
 * The language model port: a {@link io.noterag.shared.chat.ChatGateway} that asks an
 * ordered chain of providers with fallback, for a whole answer or a stream of pieces,
 * taking and returning this package's records only
 * ({@link io.noterag.shared.chat.ChatRequest},
 * {@link io.noterag.shared.chat.ChatResult}). The adapter on langchain4j is wired by
 * {@link io.noterag.shared.chat.ChatGatewayAutoConfiguration} from
 * {@link io.noterag.shared.chat.LlmProperties} ({@code noterag.llm}); with no provider
 * configured the gateway says so through {@code configured()} and every call fails with a
 * {@link io.noterag.shared.chat.ChatUnavailableException}, which callers answer by
 * falling back to an answer without a language model.
 */
package io.noterag.shared.chat;
