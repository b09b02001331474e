package io.noterag.query.ask;

/**
 * Retrieval settings of one query; every field is optional.
 *
 * @param technique {@code hybrid} (default), {@code dense} or {@code sparse}
 * @param topK how many chunks the answer may draw on, 1 to the configured maximum
 * @param denseWeight weight of the dense ranking in hybrid fusion, 0 or more
 * @param sparseWeight weight of the keyword ranking in hybrid fusion, 0 or more
 */
public record RagConfig(String technique, Integer topK, Double denseWeight, Double sparseWeight) {
}
