/**
 * The in-process {@link io.noterag.shared.rerank.Reranker} adapter: a cross-encoder
 * exported to ONNX and its {@code tokenizer.json}, both given by path (nothing is
 * downloaded), run by ONNX Runtime and tokenised by DJL's Hugging Face tokenizer,
 * selected by {@code noterag.rerank.type=onnx}.
 */
package io.noterag.shared.rerank.onnx;
