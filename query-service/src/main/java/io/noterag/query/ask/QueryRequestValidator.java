package io.noterag.query.ask;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.noterag.query.retrieval.RetrievalCapabilities;
import io.noterag.query.retrieval.RetrievalProperties;
import io.noterag.query.retrieval.Technique;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * Checks a {@link QueryRequest} or a {@link DocumentSearchRequest} and turns it into a
 * {@link QueryCommand}; every problem found is reported at once, each naming its field as
 * written in JSON.
 */
@Component
class QueryRequestValidator {

	static final int MIN_QUESTION = 3;

	static final int MAX_QUESTION = 1000;

	static final int MAX_LIST = 500;

	static final int MIN_SEARCH_QUERY = 1;

	static final int DEFAULT_SEARCH_LIMIT = 10;

	static final int MAX_SEARCH_LIMIT = 100;

	/** Source types a document can come from (registering a source may support fewer). */
	static final Set<String> SOURCE_TYPES = Set.of(SourceTypes.FILESYSTEM, SourceTypes.ONENOTE, SourceTypes.SHAREPOINT,
			SourceTypes.DATABRICKS);

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final RetrievalProperties retrieval;

	private final RetrievalCapabilities capabilities;

	QueryRequestValidator(RetrievalProperties retrieval, RetrievalCapabilities capabilities) {
		this.retrieval = retrieval;
		this.capabilities = capabilities;
	}

	QueryCommand validate(QueryRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		String question = text("question", request.question(), MIN_QUESTION, errors);
		UUID conversationId = null;
		if (request.conversationId() != null) {
			conversationId = uuid(request.conversationId());
			if (conversationId == null) {
				errors.put("conversation_id", "must be a UUID");
			}
		}
		RagConfig config = (request.config() != null) ? request.config() : RagConfig.DEFAULTS;
		int topK = this.retrieval.defaultTopK();
		if (config.topK() != null) {
			topK = config.topK();
			if (topK < 1 || topK > this.retrieval.maxTopK()) {
				errors.put("config.top_k", "must be between 1 and " + this.retrieval.maxTopK());
			}
		}
		Scope scope = scope(config, request.filters(), request.selectedFiles(), errors);
		failOn(errors);
		return scope.command(question, conversationId, topK);
	}

	/**
	 * Checks a document search: the query as a question (from one character), the same
	 * config and filters as a query. Its {@code top_k} does not apply and is not checked;
	 * {@code neighbor_chunks} is checked but does not apply either (a search returns no
	 * answer text); {@code mmr} chooses documents rather than chunks.
	 * @param request the search
	 * @return a command whose {@code topK} is the number of documents wanted
	 */
	QueryCommand validate(DocumentSearchRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		String query = text("query", request.query(), MIN_SEARCH_QUERY, errors);
		int limit = DEFAULT_SEARCH_LIMIT;
		if (request.limit() != null) {
			limit = request.limit();
			if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
				errors.put("limit", "must be between 1 and " + MAX_SEARCH_LIMIT);
			}
		}
		RagConfig config = (request.config() != null) ? request.config() : RagConfig.DEFAULTS;
		Scope scope = scope(config, request.filters(), null, errors);
		failOn(errors);
		return scope.command(query, null, limit);
	}

	private Scope scope(RagConfig config, DocumentFilters filters, List<String> selectedFiles,
			Map<String, String> errors) {
		Technique technique = Technique.HYBRID;
		if (config.technique() != null) {
			technique = Technique.of(config.technique()).orElse(null);
			if (technique == null) {
				errors.put("config.technique",
						"unknown technique '" + config.technique() + "'; supported: " + Technique.supported());
			}
			else if (technique == Technique.HYDE && !this.capabilities.writesHypotheticalAnswers()) {
				errors.put("config.technique",
						"hyde needs a language model to write a hypothetical answer and none is configured; "
								+ "use one of: "
								+ Arrays.stream(Technique.values())
									.filter((t) -> t != Technique.HYDE)
									.map(Technique::id)
									.collect(Collectors.joining(", ")));
			}
		}
		boolean rerank = this.retrieval.rerank().enabled() && this.capabilities.reranks();
		if (config.rerank() != null) {
			rerank = config.rerank();
			if (rerank && !this.capabilities.reranks()) {
				errors.put("config.rerank",
						"no reranker is configured (noterag.rerank.type is none); " + "send false or leave it out");
			}
		}
		boolean mmr = Boolean.TRUE.equals(config.mmr());
		double mmrLambda = this.retrieval.mmrLambda();
		if (config.mmrLambda() != null) {
			mmrLambda = config.mmrLambda();
			if (!(mmrLambda >= 0 && mmrLambda <= 1)) {
				errors.put("config.mmr_lambda", "must be a number between 0 and 1");
				mmrLambda = this.retrieval.mmrLambda();
			}
		}
		int neighborChunks = this.retrieval.neighborChunks();
		if (config.neighborChunks() != null) {
			neighborChunks = config.neighborChunks();
			if (neighborChunks < 0 || neighborChunks > this.retrieval.maxNeighborChunks()) {
				errors.put("config.neighbor_chunks", "must be between 0 and " + this.retrieval.maxNeighborChunks());
				neighborChunks = this.retrieval.neighborChunks();
			}
		}
		FusionMethod fusion = this.retrieval.fusion();
		if (config.fusion() != null) {
			fusion = FusionMethod.of(config.fusion()).orElse(null);
			if (fusion == null) {
				errors.put("config.fusion",
						"unknown fusion '" + config.fusion() + "'; supported: " + FusionMethod.supported());
				fusion = this.retrieval.fusion();
			}
		}
		double dense = weight("config.dense_weight", config.denseWeight(), this.retrieval.denseWeight(), errors);
		double sparse = weight("config.sparse_weight", config.sparseWeight(), this.retrieval.sparseWeight(), errors);
		if (!errors.containsKey("config.dense_weight") && !errors.containsKey("config.sparse_weight")
				&& dense + sparse == 0) {
			errors.put("config", "dense_weight and sparse_weight must not both be 0");
		}
		List<String> sourceTypes = List.of();
		List<String> tags = List.of();
		Instant from = null;
		Instant to = null;
		Set<String> documentIds = new LinkedHashSet<>(documentIds("selected_files", selectedFiles, errors));
		if (filters != null) {
			filters.unknown()
				.keySet()
				.forEach((name) -> errors.put("filters." + name,
						"unknown filter; supported: " + String.join(", ", DocumentFilters.FIELDS)));
			sourceTypes = sourceTypes(filters.sourceTypes(), errors);
			tags = tags(filters.tags(), errors);
			documentIds.addAll(documentIds("filters.selected_files", filters.selectedFiles(), errors));
			DocumentFilters.DateRange range = filters.dateRange();
			if (range != null) {
				range.unknown()
					.keySet()
					.forEach((name) -> errors.put("filters.date_range." + name,
							"unknown field; supported: " + String.join(", ", DocumentFilters.DateRange.FIELDS)));
				from = instant("filters.date_range.from", range.from(), false, errors);
				to = instant("filters.date_range.to", range.to(), true, errors);
				if (from != null && to != null && from.isAfter(to)) {
					errors.put("filters.date_range", "from must not be after to");
				}
			}
		}
		return new Scope(technique, dense, sparse, sourceTypes, tags, from, to, List.copyOf(documentIds), rerank, mmr,
				mmrLambda, neighborChunks, fusion);
	}

	private static void failOn(Map<String, String> errors) {
		if (!errors.isEmpty()) {
			throw ApiException.badRequest(errors.entrySet()
				.stream()
				.map((e) -> e.getKey() + ": " + e.getValue())
				.collect(Collectors.joining("; ")));
		}
	}

	private static String text(String field, String raw, int min, Map<String, String> errors) {
		if (raw == null) {
			errors.put(field, "is required");
			return null;
		}
		String text = raw.strip();
		if (text.isEmpty()) {
			errors.put(field, "must not be blank");
			return null;
		}
		int length = text.codePointCount(0, text.length());
		if (length < min || length > MAX_QUESTION) {
			errors.put(field, "must be between " + min + " and " + MAX_QUESTION + " characters once trimmed (was "
					+ length + ")");
			return null;
		}
		return text;
	}

	private static double weight(String field, Double value, double fallback, Map<String, String> errors) {
		if (value == null) {
			return fallback;
		}
		if (value.isNaN() || value.isInfinite() || value < 0) {
			errors.put(field, "must be a number of at least 0");
			return fallback;
		}
		return value;
	}

	private static List<String> sourceTypes(List<String> values, Map<String, String> errors) {
		if (values == null) {
			return List.of();
		}
		Set<String> types = new LinkedHashSet<>();
		for (String value : values) {
			String type = (value != null) ? value.strip().toLowerCase(Locale.ROOT) : "";
			if (!SOURCE_TYPES.contains(type)) {
				errors.put("filters.source_types", "unknown source type '" + value + "'; known: "
						+ SOURCE_TYPES.stream().sorted().collect(Collectors.joining(", ")));
				return List.of();
			}
			types.add(type);
		}
		return List.copyOf(types);
	}

	private static List<String> tags(List<String> values, Map<String, String> errors) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_LIST) {
			errors.put("filters.tags", "must have at most " + MAX_LIST + " entries");
			return List.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String value : values) {
			if (value == null || value.isBlank()) {
				errors.put("filters.tags", "must not contain blank tags");
				return List.of();
			}
			tags.add(value.strip());
		}
		return List.copyOf(tags);
	}

	private static List<String> documentIds(String field, List<String> values, Map<String, String> errors) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_LIST) {
			errors.put(field, "must have at most " + MAX_LIST + " entries");
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			UUID id = uuid(values.get(i));
			if (id == null) {
				errors.put(field + "[" + i + "]", "must be a document id (UUID)");
				return List.of();
			}
			ids.add(id.toString());
		}
		return ids;
	}

	private static UUID uuid(String value) {
		if (value == null || !UUID_TEXT.matcher(value.strip()).matches()) {
			return null;
		}
		return UUID.fromString(value.strip());
	}

	/**
	 * An ISO date (a whole day: its start for {@code from}, its end for {@code to}, in
	 * UTC) or an ISO date-time with offset.
	 */
	private static Instant instant(String field, String value, boolean endOfDay, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
						: date.atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "must be an ISO date (2024-05-31) or date-time with offset (2024-05-31T12:00:00Z)");
			return null;
		}
	}

	/** What a query or a search searches, with how. */
	private record Scope(Technique technique, double denseWeight, double sparseWeight, List<String> sourceTypes,
			List<String> tags, Instant from, Instant to, List<String> documentIds, boolean rerank, boolean mmr,
			double mmrLambda, int neighborChunks, FusionMethod fusion) {

		QueryCommand command(String text, UUID conversationId, int topK) {
			return new QueryCommand(text, conversationId, this.technique, topK, this.denseWeight, this.sparseWeight,
					this.sourceTypes, this.tags, this.from, this.to, this.documentIds, this.rerank, this.mmr,
					this.mmrLambda, this.neighborChunks, this.fusion);
		}

	}

}
