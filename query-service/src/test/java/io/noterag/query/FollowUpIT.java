package io.noterag.query;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-turn conversation in which turns two and three only make sense with turn one:
 * follow-ups are rewritten into standalone questions before retrieval (without a language
 * model, by the rule-based rewriter).
 */
class FollowUpIT extends IndexedNotebookContext {

	@BeforeEach
	void conversationServiceWorks() {
		conversations.failWith(0);
	}

	@Test
	void shouldAnswerFollowUpsFromTheConversationsTopic() throws Exception {
		String handbook = notebook.page("ops/oncall-handbook.md").id();
		JsonNode first = ask(Map.of("question", "What do I do when a page is not acknowledged within 15 minutes?"));
		assertThat(firstSource(first)).isEqualTo(handbook);
		assertThat(first.get("metadata").get("standalone_question").isNull()).isTrue();
		String conversationId = first.get("conversation_id").asString();

		// alone, "second step" finds the team events page ("the second Friday of
		// December")
		JsonNode alone = ask(Map.of("question", "and what is its second step?"));
		assertThat(firstSource(alone)).isNotEqualTo(handbook);

		JsonNode second = ask(Map.of("question", "and what is its second step?", "conversation_id", conversationId));
		assertThat(firstSource(second)).isEqualTo(handbook);
		String standalone = second.get("metadata").get("standalone_question").asString();
		assertThat(standalone).contains("acknowledged").endsWith("and what is its second step?");
		JsonNode stored = conversations.lastTurnIn(conversationId);
		assertThat(stored.get("question").asString()).isEqualTo("and what is its second step?");
		assertThat(stored.get("user_metadata").get("standalone_question").asString()).isEqualTo(standalone);

		JsonNode third = ask(Map.of("question", "and on Mondays?", "conversation_id", conversationId));
		assertThat(firstSource(third)).isEqualTo(handbook);
		assertThat(third.get("metadata").get("standalone_question").asString()).contains("acknowledged")
			.endsWith("and on Mondays?");
		assertThat(third.get("answer").asString()).contains("handover note every Monday");
	}

	private JsonNode ask(Map<String, ?> body) throws Exception {
		Response response = post("/api/v2/query", ALICE, body);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json();
	}

	private static String firstSource(JsonNode answer) {
		return answer.get("sources").get(0).get("document_id").asString();
	}

}
