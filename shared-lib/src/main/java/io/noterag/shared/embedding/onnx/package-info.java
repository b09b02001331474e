/**
 * The in-process {@link io.noterag.shared.embedding.Embedder} adapter: bge-small-en-v1.5
 * (quantized, 384 dimensions) run by ONNX Runtime through langchain4j from the model
 * shipped in a Maven jar, configured by {@code noterag.embedding.*} through
 * {@link io.noterag.shared.embedding.onnx.OnnxEmbedderAutoConfiguration}.
 */
package io.noterag.shared.embedding.onnx;
