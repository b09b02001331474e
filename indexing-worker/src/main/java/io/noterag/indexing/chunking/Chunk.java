package io.noterag.indexing.chunking;

/**
 * A piece of a document to index.
 *
 * @param index its position in the document, from 0
 * @param text its exact text, as quoted in answers
 * @param heading the heading path of its content, e.g. {@code Runbook > Restore}, or
 * empty
 * @param tokens tokens in {@code text}
 * @param embeddingText what the embedding model reads: the title and heading path, a line
 * break, then the text; at most the configured maximum tokens with the model's special
 * tokens
 */
public record Chunk(int index, String text, String heading, int tokens, String embeddingText) {
}
