/**
 * The {@link io.noterag.shared.embedding.Embedder} port turns text into dense vectors;
 * its default adapter runs an ONNX model shipped inside a Maven jar, in process.
 */
package io.noterag.shared.embedding;
