package io.noterag.query.ask;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.FusionMethod;
import io.noterag.query.retrieval.RetrievalCapabilities;
import io.noterag.query.retrieval.RetrievalPlan;
import io.noterag.query.retrieval.RetrievalProperties;
import io.noterag.query.retrieval.Technique;
import io.noterag.shared.web.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryRequestValidatorTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final RetrievalProperties PROPERTIES = new RetrievalProperties(50, FusionMethod.RRF, 60, 1.0, 1.0, 5,
			20, 2, 500, 3, 0.7, 0, 2, new RetrievalProperties.Rerank(false, 50));

	private final QueryRequestValidator validator = new QueryRequestValidator(PROPERTIES, capabilities(false, false));

	@Test
	void shouldTrimTheQuestionAndApplyTheDefaults() {
		QueryCommand command = this.validator.validate(request("{\"question\": \"  Where is the vault?  \"}"));

		assertThat(command.question()).isEqualTo("Where is the vault?");
		assertThat(command.technique()).isEqualTo(Technique.HYBRID);
		assertThat(command.topK()).isEqualTo(5);
		assertThat(command.denseWeight()).isEqualTo(1.0);
		assertThat(command.sparseWeight()).isEqualTo(1.0);
		assertThat(command.conversationId()).isNull();
	}

	@Test
	void shouldRejectAMissingBlankShortOrLongQuestionNamingTheField() {
		assertRejected("{}", "question: is required");
		assertRejected("{\"question\": \"   \"}", "question: must not be blank");
		assertRejected("{\"question\": \" ab \"}", "question: must be between 3 and 1000");
		assertRejected("{\"question\": \"" + "x".repeat(1001) + "\"}", "question: must be between 3 and 1000");
		assertThat(this.validator.validate(request("{\"question\": \"" + "x".repeat(1000) + "\"}")).question())
			.hasSize(1000);
	}

	@Test
	void shouldRejectAnUnknownTechniqueNamingTheSupportedOnes() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"technique\": \"magic\"}}",
				"config.technique: unknown technique 'magic'; supported: hybrid, dense, sparse, multi_query, "
						+ "rag_fusion, hyde");
	}

	@Test
	void shouldTakeTheFusionMethodPerRequestAndRejectAnUnknownOne() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"fusion\": \"average\"}}",
				"config.fusion: unknown fusion 'average'; supported: rrf, convex");
		assertThat(this.validator
			.validate(request("{\"question\": \"Where is the vault?\", \"config\": {\"fusion\": \"CONVEX\"}}"))
			.fusion()).isEqualTo(FusionMethod.CONVEX);
		assertThat(this.validator.validate(request("{\"question\": \"Where is the vault?\"}")).fusion())
			.isEqualTo(PROPERTIES.fusion());
	}

	@Test
	void shouldRefuseHydeWithoutALanguageModelAndAcceptItWithOne() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"technique\": \"hyde\"}}",
				"config.technique: hyde needs a language model");
		QueryRequestValidator withModel = new QueryRequestValidator(PROPERTIES, capabilities(false, true));
		assertThat(withModel
			.validate(request("{\"question\": \"Where is the vault?\", \"config\": {\"technique\": \"hyde\"}}"))
			.technique()).isEqualTo(Technique.HYDE);
	}

	@Test
	void shouldRerankOnlyWhenAskedOrConfiguredAndARerankerExists() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"rerank\": true}}",
				"config.rerank: no reranker is configured");
		assertThat(this.validator
			.validate(request("{\"question\": \"Where is the vault?\", \"config\": {\"rerank\": false}}"))
			.rerank()).isFalse();
		RetrievalProperties rerankByDefault = new RetrievalProperties(50, FusionMethod.RRF, 60, 1.0, 1.0, 5, 20, 2, 500,
				3, 0.7, 0, 2, new RetrievalProperties.Rerank(true, 50));
		QueryRequestValidator withReranker = new QueryRequestValidator(rerankByDefault, capabilities(true, false));
		QueryRequestValidator withoutReranker = new QueryRequestValidator(rerankByDefault, capabilities(false, false));
		assertThat(withReranker.validate(request("{\"question\": \"Where is the vault?\"}")).rerank()).isTrue();
		assertThat(withReranker
			.validate(request("{\"question\": \"Where is the vault?\", \"config\": {\"rerank\": false}}"))
			.rerank()).isFalse();
		assertThat(withoutReranker.validate(request("{\"question\": \"Where is the vault?\"}")).rerank()).isFalse();
	}

	@Test
	void shouldCarryMmrAndNeighboursIntoThePlan() {
		QueryCommand defaults = this.validator.validate(request("{\"question\": \"Where is the vault?\"}"));
		assertThat(defaults.mmr()).isFalse();
		assertThat(defaults.mmrLambda()).isEqualTo(0.7);
		assertThat(defaults.neighborChunks()).isZero();

		QueryCommand command = this.validator.validate(request("{\"question\": \"Where is the vault?\", \"config\": "
				+ "{\"technique\": \"rag_fusion\", \"mmr\": true, \"mmr_lambda\": 0, \"neighbor_chunks\": 2}}"));
		RetrievalPlan plan = command.plan(List.of("user:1"));
		assertThat(plan.technique()).isEqualTo(Technique.RAG_FUSION);
		assertThat(plan.mmr()).isTrue();
		assertThat(plan.mmrLambda()).isZero();
		assertThat(plan.neighborChunks()).isEqualTo(2);
		assertThat(plan.rerank()).isFalse();
	}

	@Test
	void shouldRejectAnMmrLambdaOutsideZeroToOneAndTooManyNeighbours() {
		for (String lambda : List.of("-0.1", "1.01", "7")) {
			assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"mmr\": true, \"mmr_lambda\": "
					+ lambda + "}}", "config.mmr_lambda: must be a number between 0 and 1");
		}
		for (String count : List.of("-1", "3")) {
			assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"neighbor_chunks\": " + count + "}}",
					"config.neighbor_chunks: must be between 0 and 2");
		}
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(
					() -> this.validator.validate(
							JSON.readValue(
									"{\"query\": \"vault\", \"config\": {\"technique\": \"hyde\", \"rerank\": true, "
											+ "\"mmr_lambda\": 2, \"neighbor_chunks\": 9}}",
									DocumentSearchRequest.class)))
			.withMessageContaining("config.technique: hyde needs a language model")
			.withMessageContaining("config.rerank:")
			.withMessageContaining("config.mmr_lambda:")
			.withMessageContaining("config.neighbor_chunks:");
	}

	@Test
	void shouldAcceptEachSupportedTechnique() {
		for (String technique : List.of("hybrid", "dense", "sparse", "DENSE", "multi_query", "RAG_FUSION")) {
			QueryCommand command = this.validator
				.validate(request("{\"question\": \"Where is the vault?\", \"config\": {\"technique\": \"" + technique
						+ "\", \"top_k\": 20, \"dense_weight\": 0, \"sparse_weight\": 2.5}}"));
			assertThat(command.technique().id()).isEqualTo(technique.toLowerCase());
			assertThat(command.topK()).isEqualTo(20);
			assertThat(command.denseWeight()).isZero();
			assertThat(command.sparseWeight()).isEqualTo(2.5);
		}
	}

	@Test
	void shouldRejectTopKOutsideTheConfiguredRange() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"top_k\": 0}}",
				"config.top_k: must be between 1 and 20");
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"top_k\": 21}}",
				"config.top_k: must be between 1 and 20");
	}

	@Test
	void shouldRejectNegativeOrBothZeroWeights() {
		assertRejected("{\"question\": \"Where is the vault?\", \"config\": {\"dense_weight\": -1}}",
				"config.dense_weight: must be a number of at least 0");
		assertRejected(
				"{\"question\": \"Where is the vault?\", \"config\": {\"dense_weight\": 0, \"sparse_weight\": 0}}",
				"config: dense_weight and sparse_weight must not both be 0");
	}

	@Test
	void shouldRejectAMalformedConversationId() {
		assertRejected("{\"question\": \"Where is the vault?\", \"conversation_id\": \"42\"}",
				"conversation_id: must be a UUID");
	}

	@Test
	void shouldReadDateRangesAsWholeDaysOrExactTimes() {
		QueryCommand command = this.validator.validate(request(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": {\"from\": \"2024-05-01\", "
						+ "\"to\": \"2024-05-31\"}}}"));
		assertThat(command.modifiedFrom()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
		assertThat(command.modifiedTo()).isEqualTo(Instant.parse("2024-05-31T23:59:59.999999999Z"));

		QueryCommand exact = this.validator.validate(request(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": {\"from\": \"2024-05-01T10:00:00+02:00\"}}}"));
		assertThat(exact.modifiedFrom()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
		assertThat(exact.modifiedTo()).isNull();
	}

	@Test
	void shouldRejectAnInvertedOrMalformedDateRange() {
		assertRejected(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": "
						+ "{\"from\": \"2024-06-01\", \"to\": \"2024-05-01\"}}}",
				"filters.date_range: from must not be after to");
		assertRejected(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": {\"from\": \"May 1st\"}}}",
				"filters.date_range.from: must be an ISO date");
		assertRejected(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": {\"from\": \"2024-02-30\"}}}",
				"filters.date_range.from: must be an ISO date");
	}

	@Test
	void shouldRejectUnknownFilterFieldsNamingThem() {
		assertRejected("{\"question\": \"Where is the vault?\", \"filters\": {\"source_type\": [\"filesystem\"]}}",
				"filters.source_type: unknown filter; supported: source_types, tags, date_range, selected_files");
		assertRejected(
				"{\"question\": \"Where is the vault?\", \"filters\": {\"date_range\": {\"since\": \"2024-01-01\"}}}",
				"filters.date_range.since: unknown field");
	}

	@Test
	void shouldRejectAnUnknownSourceType() {
		assertRejected("{\"question\": \"Where is the vault?\", \"filters\": {\"source_types\": [\"gopher\"]}}",
				"filters.source_types: unknown source type 'gopher'");
	}

	@Test
	void shouldMergeSelectedFilesFromTheTopLevelAndTheFilters() {
		String a = "0f8fad5b-d9cb-469f-a165-70867728950e";
		String b = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
		QueryCommand command = this.validator
			.validate(request("{\"question\": \"Where is the vault?\", \"selected_files\": [\"" + a.toUpperCase()
					+ "\"], \"filters\": {\"selected_files\": [\"" + b + "\", \"" + a + "\"], "
					+ "\"source_types\": [\"Filesystem\"], \"tags\": [\"ops\"]}}"));

		assertThat(command.documentIds()).containsExactly(a, b);
		assertThat(command.sourceTypes()).containsExactly("filesystem");
		assertThat(command.tags()).containsExactly("ops");
		assertThat(command.plan(List.of("user:1")).filter().principals()).containsExactly("user:1");
	}

	@Test
	void shouldRejectSelectedFilesThatAreNotDocumentIds() {
		assertRejected("{\"question\": \"Where is the vault?\", \"selected_files\": [\"notes/vault.md\"]}",
				"selected_files[0]: must be a document id (UUID)");
		assertRejected("{\"question\": \"Where is the vault?\", \"filters\": {\"selected_files\": [\"1-1-1-1-1\"]}}",
				"filters.selected_files[0]: must be a document id (UUID)");
	}

	@Test
	void shouldReportEveryProblemAtOnce() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.validator
				.validate(request("{\"question\": \" \", \"config\": {\"technique\": \"magic\", \"top_k\": 99}}")))
			.withMessageContaining("question:")
			.withMessageContaining("config.technique:")
			.withMessageContaining("config.top_k:");
	}

	@Test
	void shouldNeverPlanASearchWithoutPrincipals() {
		QueryCommand command = this.validator.validate(request("{\"question\": \"Where is the vault?\"}"));

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> command.plan(List.of()));
	}

	private void assertRejected(String json, String message) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.validator.validate(request(json)))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getStatus().value()).isEqualTo(400));
	}

	private static RetrievalCapabilities capabilities(boolean reranks, boolean writes) {
		return new RetrievalCapabilities() {

			@Override
			public boolean reranks() {
				return reranks;
			}

			@Override
			public boolean writesHypotheticalAnswers() {
				return writes;
			}

		};
	}

	private static QueryRequest request(String json) {
		return JSON.readValue(json, QueryRequest.class);
	}

	@Test
	void shouldBindTheWholeRequestFromSnakeCaseJson() {
		QueryRequest request = request("{\"question\": \"q?\", \"conversation_id\": \"c\", \"include_images\": true, "
				+ "\"config\": {\"top_k\": 3, \"dense_weight\": 0.5, \"sparse_weight\": 1.5}, "
				+ "\"filters\": {\"source_types\": [\"filesystem\"], \"tags\": [\"t\"], "
				+ "\"date_range\": {\"from\": \"2024-01-01\", \"to\": \"2024-02-01\"}, \"selected_files\": [\"x\"]}}");

		assertThat(request.conversationId()).isEqualTo("c");
		assertThat(request.includeImages()).isTrue();
		assertThat(request.config().topK()).isEqualTo(3);
		assertThat(request.config().denseWeight()).isEqualTo(0.5);
		assertThat(request.filters().sourceTypes()).containsExactly("filesystem");
		assertThat(request.filters().dateRange().to()).isEqualTo("2024-02-01");
		assertThat(request.filters().selectedFiles()).containsExactly("x");
		assertThat(request.filters().unknown()).isEqualTo(Map.of());
	}

	@Test
	void shouldCheckASearchLikeAQueryWithItsOwnLimit() {
		QueryCommand defaults = this.validator.validate(
				JSON.readValue("{\"query\": \" x \", \"config\": {\"top_k\": 500}}", DocumentSearchRequest.class));
		assertThat(defaults.question()).isEqualTo("x");
		assertThat(defaults.topK()).isEqualTo(10);
		assertThat(defaults.technique()).isEqualTo(Technique.HYBRID);

		QueryCommand sparse = this.validator
			.validate(JSON.readValue("{\"query\": \"vault\", \"limit\": 100, \"config\": {\"technique\": \"sparse\"}, "
					+ "\"filters\": {\"tags\": [\"ops\"]}}", DocumentSearchRequest.class));
		assertThat(sparse.topK()).isEqualTo(100);
		assertThat(sparse.technique()).isEqualTo(Technique.SPARSE);
		assertThat(sparse.tags()).containsExactly("ops");

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.validator
				.validate(JSON.readValue("{\"query\": \" \", \"limit\": 101, \"filters\": {\"folder\": \"x\"}}",
						DocumentSearchRequest.class)))
			.withMessageContaining("query: must not be blank")
			.withMessageContaining("limit: must be between 1 and 100")
			.withMessageContaining("filters.folder: unknown filter");
	}

}
