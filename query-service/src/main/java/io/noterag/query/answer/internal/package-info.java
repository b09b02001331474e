/**
 * Text handling behind the extractive answerer: the splitter that keeps steps and table
 * rows whole, and the analyzer that reduces text to the same stemmed terms as the index.
 */
package io.noterag.query.answer.internal;
