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
	SPARSE,

	/**
	 * A hybrid search per variant of the question; each chunk keeps its best score over
	 * the variants.
	 */
	MULTI_QUERY,

	/** A hybrid search per variant of the question, fused by reciprocal rank. */
	RAG_FUSION,

	/**
	 * Hypothetical document embeddings: a language model writes a passage that would
	 * answer the question; the dense side searches with that passage's embedding, the
	 * keyword side with the question. Needs a language model.
	 */
	HYDE;

	/**
	 * The name used in requests, responses and analytics.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the technique searches with variants of the question.
	 * @return {@code true} for {@link #MULTI_QUERY} and {@link #RAG_FUSION}
	 */
	public boolean usesVariants() {
		return this == MULTI_QUERY || this == RAG_FUSION;
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
	 * @return e.g. {@code hybrid, dense, sparse, multi_query, rag_fusion, hyde}
	 */
	public static String supported() {
		return Arrays.stream(values()).map(Technique::id).collect(Collectors.joining(", "));
	}

}
