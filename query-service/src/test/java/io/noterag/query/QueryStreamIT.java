package io.noterag.query;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v2/query/stream}: the answer as Server-Sent Events, against the same
 * indexed notebook as {@link QueryServiceIT}.
 */
class QueryStreamIT extends IndexedNotebookContext {

	@BeforeEach
	void conversationServiceWorks() {
		conversations.failWith(0);
	}

	@Test
	void shouldStreamTheAnswerWordByWordThenItsSourcesThenTheConversation() throws Exception {
		HttpResponse<InputStream> response = stream(ALICE,
				"{\"question\": \"How long are nightly backups retained?\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		List<Event> events = read(response);
		List<Event> tokens = events.stream().filter((e) -> e.name().equals("token")).toList();
		assertThat(tokens.size()).isGreaterThan(3);
		assertThat(events.get(events.size() - 2).name()).isEqualTo("sources");
		Event done = events.get(events.size() - 1);
		assertThat(done.name()).isEqualTo("done");
		String streamed = String.join("", tokens.stream().map((e) -> e.json().get("text").asString()).toList());
		JsonNode finished = done.json();
		assertThat(streamed).isEqualTo(finished.get("answer").asString()).contains("35 days").contains("[1]");
		assertThat(events.get(events.size() - 2).json().get(0).get("document_id").asString())
			.isEqualTo(notebook.page("ops/backup-policy.md").id());
		assertThat(finished.get("metadata").get("generator").asString()).isEqualTo("extractive");
		String conversationId = finished.get("conversation_id").asString();
		assertThat(conversations.lastTurnIn(conversationId).get("answer").asString()).isEqualTo(streamed);
	}

	@Test
	void shouldRefuseABadRequestWithAProblemBeforeAnyEvent() throws Exception {
		HttpResponse<InputStream> response = stream(ALICE,
				"{\"question\": \"How long?\", \"config\": {\"technique\": \"magic\"}}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(body).contains("config.technique").contains("request_id");
	}

	@Test
	void shouldStoreNothingWhenTheConversationServiceFailsAndSayItInAnErrorEvent() throws Exception {
		conversations.failWith(500);
		int turnsBefore = conversations.turns().size();

		HttpResponse<InputStream> response = stream(ALICE, "{\"question\": \"When are restores tested?\"}");

		List<Event> events = read(response);
		Event last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("error");
		assertThat(last.json().get("status").asInt()).isGreaterThanOrEqualTo(500);
		assertThat(last.json().get("request_id").asString()).isNotBlank();
		assertThat(last.data()).doesNotContain("Exception").doesNotContain("at io.noterag");
		assertThat(events.stream().map(Event::name)).doesNotContain("done", "sources");
		assertThat(conversations.turns()).hasSize(turnsBefore);
	}

	private HttpResponse<InputStream> stream(String token, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v2/query/stream"))
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	private static List<Event> read(HttpResponse<InputStream> response) throws Exception {
		List<Event> events = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						events.add(new Event(name, data.toString()));
					}
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					if (!data.isEmpty()) {
						data.append('\n');
					}
					data.append(line.substring(5));
				}
			}
			if (!data.isEmpty()) {
				events.add(new Event(name, data.toString()));
			}
		}
		return events;
	}

	private record Event(String name, String data) {

		JsonNode json() {
			return JSON.readTree(this.data);
		}

	}

}
