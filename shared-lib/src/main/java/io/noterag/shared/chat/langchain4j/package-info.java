/**
 * The {@link io.noterag.shared.chat.ChatGateway} adapter on langchain4j's OpenAI (and
 * OpenAI-compatible), Azure OpenAI, Anthropic and Ollama chat models, with per-provider
 * timeouts, retries that honour {@code Retry-After}, resilience4j circuit breakers, a
 * JSON answer check, cost from a price table and an optional response cache in Redis.
 * Services use it through the port only; its auto-configuration creates it.
 */
package io.noterag.shared.chat.langchain4j;
