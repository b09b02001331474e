/**
 * Retrieval: embeds the question and searches the
 * {@link io.noterag.shared.vector.VectorStore} (dense and BM25 fused by weighted
 * reciprocal rank, or either alone) within a filter that always carries the caller's
 * principals, then keeps the top chunks with a cap per document.
 */
package io.noterag.query.retrieval;
