/**
 * The parts of retrieval no other feature uses: question variants written by rules, the
 * combination of the variants' rankings, maximal marginal relevance, and the joining of
 * neighbouring chunks' overlapping texts.
 */
package io.noterag.query.retrieval.internal;
