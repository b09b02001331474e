/**
 * The {@link io.noterag.shared.rerank.Reranker} adapter for hosted rerank endpoints that
 * speak Cohere's {@code /v2/rerank} protocol (Cohere, Jina, and self-hosted servers that
 * copy it), called with the JDK's HTTP client, selected by
 * {@code noterag.rerank.type=http}.
 */
package io.noterag.shared.rerank.http;
