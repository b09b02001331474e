package io.noterag.query.retrieval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How chunks are retrieved. */
public enum Technique {

	/** Dense and keyword rankings fused by weighted reciprocal rank. */
	HYBRID,

	/** Nearest neighbours of the question's embedding. */
	DENSE,

	/** Keyword (BM25) ranking only; the question is not embedded. */
	SPARSE;

	/**
	 * The name used in requests, responses and analytics.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Technique> of(String id) {
		if (id == null) {
			return Optional.empty();
		}
		String wanted = id.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((t) -> t.id().equals(wanted)).findFirst();
	}

	/**
	 * The supported names, for error messages.
	 * @return e.g. {@code hybrid, dense, sparse}
	 */
	public static String supported() {
		return Arrays.stream(values()).map(Technique::id).collect(Collectors.joining(", "));
	}

}
