package io.noterag.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.noterag.shared.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v2/documents/search} in query-service as one Spring context on a
 * random port, against a real Lucene index written as the indexing worker would, the real
 * ONNX embedding model and the real Postgres.
 */
class DocumentSearchIT extends IndexedNotebookContext {

	@Test
	void shouldRankADocumentOnceByItsBestChunk() throws Exception {
		Response response = search(ALICE, Map.of("query", "Who writes the handover note every Monday?"));

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode first = response.json().get("documents").get(0);
		assertThat(first.get("id").asString()).isEqualTo(notebook.page("ops/oncall-handbook.md").id());
		assertThat(first.get("title").asString()).isEqualTo("On-call handbook");
		assertThat(first.get("url").asString()).isEqualTo("/notes/ops/oncall-handbook.md");
		assertThat(first.get("source_type").asString()).isEqualTo("filesystem");
		// the handover is the handbook's second chunk: its best, not its first
		assertThat(first.get("chunk_index").asInt()).isEqualTo(1);
		assertThat(first.get("snippet").asString()).contains("handover note every Monday");
		assertThat(first.get("score").asDouble()).isPositive();
		List<String> ids = documentIds(response);
		assertThat(ids).doesNotHaveDuplicates();
		List<Double> scores = new ArrayList<>();
		response.json().get("documents").forEach((d) -> scores.add(d.get("score").asDouble()));
		assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(response.json().get("total").asInt()).isEqualTo(ids.size());
	}

	@Test
	void shouldRankDocumentsWithVariantsOfTheQueryOrDiverseByMarginalRelevance() throws Exception {
		String handbook = notebook.page("ops/oncall-handbook.md").id();
		for (String technique : List.of("multi_query", "rag_fusion")) {
			Response response = search(ALICE, Map.of("query", "Who writes the handover note every Monday?", "config",
					Map.of("technique", technique)));
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			assertThat(documentIds(response)).as(technique).startsWith(handbook).doesNotHaveDuplicates();
		}
		Response diverse = search(ALICE, Map.of("query", "Who writes the handover note every Monday?", "limit", 3,
				"config", Map.of("mmr", true, "mmr_lambda", 0.5)));
		assertThat(documentIds(diverse)).hasSize(3).startsWith(handbook).doesNotHaveDuplicates();
	}

	@Test
	void shouldReturnAtMostTheLimitOfDistinctDocuments() throws Exception {
		Response two = search(ALICE, Map.of("query", "Where are bicycles parked?", "limit", 2));
		assertThat(documentIds(two)).hasSize(2).startsWith(notebook.page("office/office-guide.md").id());
		assertThat(two.json().get("total").asInt()).isEqualTo(2);

		// dense retrieval reaches every chunk Alice may read: five documents, one of them
		// in two chunks, each listed once
		Response all = search(ALICE, Map.of("query", "Where are bicycles parked?"));
		assertThat(documentIds(all)).hasSize(5).doesNotHaveDuplicates();

		Response one = search(ALICE,
				Map.of("query", "bicycles", "limit", 1, "config", Map.of("technique", "sparse", "top_k", 500)));
		assertThat(documentIds(one)).containsExactly(notebook.page("office/office-guide.md").id());
	}

	@Test
	void shouldSearchOnlyWhatTheFiltersKeep() throws Exception {
		Response onenote = search(ALICE, Map.of("query", "Which port does the staging database listen on?", "filters",
				Map.of("source_types", List.of("onenote"))));
		assertThat(documentIds(onenote)).containsExactly(notebook.page("Ops/Database hosts").id());

		Response tagged = search(ALICE,
				Map.of("query", "When do the team events take place?", "filters", Map.of("tags", List.of("social"))));
		assertThat(documentIds(tagged)).containsExactly(notebook.page("social/team-events.md").id());

		Response recent = search(ALICE, Map.of("query", "How long are nightly backups retained?", "filters",
				Map.of("date_range", Map.of("from", "2024-04-01"))));
		assertThat(documentIds(recent)).containsExactlyInAnyOrder(notebook.page("ops/oncall-handbook.md").id(),
				notebook.page("Ops/Database hosts").id());

		String officeGuide = notebook.page("office/office-guide.md").id();
		Response selected = search(ALICE, Map.of("query", "Where is the winter dinner booked?", "filters",
				Map.of("selected_files", List.of(officeGuide))));
		assertThat(documentIds(selected)).containsExactly(officeGuide);
	}

	@Test
	void shouldNeverShowAUserADocumentTheirPrincipalsExclude() throws Exception {
		String salaryBands = notebook.page("hr/salary-bands.md").id();
		for (String technique : List.of("hybrid", "dense", "sparse")) {
			Map<String, Object> request = Map.of("query", "What is the salary band for senior engineers?", "config",
					Map.of("technique", technique));
			assertThat(documentIds(search(ALICE, request))).as(technique).doesNotContain(salaryBands);
			assertThat(documentIds(search(BOB, request)).get(0)).as(technique).isEqualTo(salaryBands);
		}
		Response selected = search(ALICE,
				Map.of("query", "salary band", "filters", Map.of("selected_files", List.of(salaryBands))));
		assertThat(documentIds(selected)).isEmpty();
		assertThat(selected.json().get("total").asInt()).isZero();

		Response admin = search(TestTokens.newUser("admin"),
				Map.of("query", "What is the salary band for senior engineers?"));
		assertThat(documentIds(admin).get(0)).isEqualTo(salaryBands);
	}

	@Test
	void shouldRecordTheSearchTimerButNoConversationOrAnalytics() throws Exception {
		String query = "When are restores tested? " + UUID.randomUUID();
		int turns = conversations.turns().size();

		assertThat(search(ALICE, Map.of("query", query)).status()).isEqualTo(200);

		assertThat(conversations.turns()).hasSize(turns);
		assertThat(
				this.jdbc.queryForObject("select count(*) from query_analytics where query = ?", Integer.class, query))
			.isZero();
		HttpResponse<String> metrics = HTTP.send(
				HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body().lines().filter((line) -> line.startsWith("noterag_search_latency_seconds_count")))
			.anyMatch((line) -> line.contains("technique=\"hybrid\""))
			.noneMatch((line) -> line.contains(ALICE_ID));
	}

	@Test
	void shouldRejectBadInputWithProblemDetailsNamingTheField() throws Exception {
		assertProblem(search(ALICE, Map.of()), 400, "query: is required");
		assertProblem(search(ALICE, Map.of("query", "  ")), 400, "query: must not be blank");
		assertProblem(search(ALICE, Map.of("query", "x".repeat(1001))), 400, "query: must be between 1 and 1000");
		assertProblem(search(ALICE, Map.of("query", "vault", "limit", 0)), 400, "limit: must be between 1 and 100");
		assertProblem(search(ALICE, Map.of("query", "vault", "limit", 101)), 400, "limit: must be between 1 and 100");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("technique", "magic"))), 400,
				"config.technique: unknown technique 'magic'; supported: hybrid, dense, sparse, multi_query, "
						+ "rag_fusion, hyde");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("technique", "hyde"))), 400,
				"config.technique: hyde needs a language model");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("rerank", true))), 400,
				"config.rerank: no reranker is configured");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("mmr_lambda", -0.5))), 400,
				"config.mmr_lambda");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("neighbor_chunks", -1))), 400,
				"config.neighbor_chunks");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("dense_weight", 0, "sparse_weight", 0))),
				400, "must not both be 0");
		assertProblem(search(ALICE, Map.of("query", "vault", "config", Map.of("dense_weight", -1))), 400,
				"config.dense_weight");
		assertProblem(search(ALICE, Map.of("query", "vault", "filters", Map.of("source", "x"))), 400,
				"filters.source: unknown filter");
		assertProblem(search(ALICE, Map.of("query", "vault", "filters", Map.of("date_range", Map.of("from", "soon")))),
				400, "filters.date_range.from");
		assertProblem(
				search(ALICE, Map.of("query", "vault", "filters", Map.of("selected_files", List.of("../etc/passwd")))),
				400, "filters.selected_files[0]: must be a document id");
		assertProblem(send(ALICE, "{\"query\": \"unterminated"), 400, "not valid JSON");
		assertThat(search(ALICE, Map.of("query", "x")).status()).isEqualTo(200);
		Response anonymous = search(null, Map.of("query", "vault"));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
	}

	private List<String> documentIds(Response response) throws IOException {
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("documents").forEach((d) -> ids.add(d.get("id").asString()));
		return ids;
	}

	private static void assertProblem(Response response, int status, String detail) throws IOException {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.path("request_id").asString("")).as(response.raw()).isNotBlank();
		assertThat(body.get("detail").asString()).contains(detail);
		assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private Response search(String token, Map<String, ?> body) throws Exception {
		return post("/api/v2/documents/search", token, body);
	}

	private Response send(String token, String json) throws Exception {
		return post("/api/v2/documents/search", token, json, null);
	}

}
