package io.noterag.shared.vector;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a hybrid search combines its dense and keyword rankings. */
public enum FusionMethod {

	/**
	 * Weighted reciprocal rank: each ranking adds {@code weight / (k + rank)}; only ranks
	 * count, not scores.
	 */
	RRF,

	/**
	 * Weighted sum of min-max normalised scores: each ranking's scores are mapped to 0..1
	 * over its candidates (best 1, last 0) and a chunk gets
	 * {@code dense_weight x dense + sparse_weight x keyword}, 0 from a ranking that did
	 * not return it. Keeps how much better one candidate is than the next, which ranks
	 * lose.
	 */
	CONVEX;

	/**
	 * The name used in requests and configuration.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The method with the given name.
	 * @param id a name, any case
	 * @return the method, or empty when there is none of that name
	 */
	public static Optional<FusionMethod> of(String id) {
		if (id == null) {
			return Optional.empty();
		}
		String wanted = id.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((method) -> method.id().equals(wanted)).findFirst();
	}

	/**
	 * The supported names, for error messages.
	 * @return {@code rrf, convex}
	 */
	public static String supported() {
		return Arrays.stream(values()).map(FusionMethod::id).collect(Collectors.joining(", "));
	}

}
