/**
 * The extractive generator: turns retrieved chunks into an answer made only of sentences
 * quoted from them, each tagged {@code [n]} with its source, and says plainly when the
 * documents do not answer the question. No language model and nothing invented.
 */
package io.noterag.query.answer;
