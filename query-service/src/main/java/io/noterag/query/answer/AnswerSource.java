package io.noterag.query.answer;

import io.noterag.shared.vector.ChunkRecord;

/**
 * A document an answer rests on, or that was retrieved alongside.
 *
 * @param number its 1-based number, as in the answer's {@code [n]} tags
 * @param chunk the chunk of the document the citation (or the snippet) comes from
 * @param score that chunk's retrieval score
 * @param snippet the chunk's passage that best matches the question, at most about
 * {@link AnswerProperties#snippetLength()} characters
 * @param cited whether the answer quotes it
 */
public record AnswerSource(int number, ChunkRecord chunk, double score, String snippet, boolean cited) {
}
