/**
 * Retrieval: searches the {@link io.noterag.shared.vector.VectorStore} within a filter
 * that always carries the caller's principals (dense and BM25 fused by weighted
 * reciprocal rank, either alone, several variants of the question combined, or a
 * hypothetical answer's embedding when a language model writes one), optionally reranks
 * the first candidates with the {@link io.noterag.shared.rerank.Reranker}, keeps the top
 * chunks with a cap per document or by maximal marginal relevance, and can widen each
 * chunk's text with its neighbours for the answer.
 */
package io.noterag.query.retrieval;
