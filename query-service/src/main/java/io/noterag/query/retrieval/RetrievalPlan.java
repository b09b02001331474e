package io.noterag.query.retrieval;

import java.util.Objects;

import io.noterag.shared.vector.SearchFilter;

/**
 * What to retrieve for one question.
 *
 * @param technique how
 * @param topK how many chunks to keep
 * @param denseWeight weight of the dense ranking in hybrid fusion
 * @param sparseWeight weight of the keyword ranking in hybrid fusion
 * @param filter what the caller may and wants to see; always carries the caller's
 * principals
 */
public record RetrievalPlan(Technique technique, int topK, double denseWeight, double sparseWeight,
		SearchFilter filter) {

	public RetrievalPlan {
		Objects.requireNonNull(technique, "technique");
		Objects.requireNonNull(filter, "filter");
		if (filter.principals().isEmpty()) {
			throw new IllegalArgumentException("A search needs the caller's principals");
		}
	}

}
