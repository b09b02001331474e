/**
 * The reranking port: a second, more precise scoring of a search's best candidates by a
 * model that reads the query and each passage together, and the exception its adapters
 * throw when they cannot score. The adapters, a Cohere/Jina-style HTTP endpoint
 * ({@code http}) and an ONNX cross-encoder given by path ({@code onnx}), are chosen by
 * {@code noterag.rerank.type} through
 * {@link io.noterag.shared.rerank.RerankerAutoConfiguration}; by default there is no
 * reranker and searches keep their first-stage order.
 */
package io.noterag.shared.rerank;
