package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;
import io.noterag.shared.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
class InternalConversationApiIT {

	private static final String SERVICE = "Bearer " + TestTokens.service("query-service");

	@Autowired
	MockMvc mvc;

	@Autowired
	ConversationService conversations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldStartAConversationTitledAfterTheQuestionOnTheFirstTurn() throws Exception {
		UUID user = UUID.randomUUID();
		String question = "How do I rotate the database credentials for the reporting cluster without downtime "
				+ "during the quarterly maintenance window?";

		String body = postTurn(null, user, question, "Follow the runbook [1].",
				", \"tokens_used\": 120, "
						+ "\"cost_usd\": 0.00042, \"assistant_metadata\": {\"sources\": [{\"document_id\": \"d1\"}]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation_id", notNullValue()))
			.andExpect(jsonPath("$.user_message_id", notNullValue()))
			.andExpect(jsonPath("$.assistant_message_id", notNullValue()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		UUID conversationId = UUID.fromString(JsonPath.read(body, "$.conversation_id"));

		ConversationDetail stored = this.conversations.get(user, conversationId);
		assertThat(stored.title())
			.isEqualTo("How do I rotate the database credentials for the reporting cluster " + "without…");
		assertThat(stored.title()).hasSizeLessThanOrEqualTo(80);
		assertThat(stored.messages()).extracting(Message::role).containsExactly("user", "assistant");
		assertThat(stored.messages()).extracting(Message::id)
			.containsExactly(UUID.fromString(JsonPath.read(body, "$.user_message_id")),
					UUID.fromString(JsonPath.read(body, "$.assistant_message_id")));
		Message answer = stored.messages().get(1);
		assertThat(answer.content()).isEqualTo("Follow the runbook [1].");
		assertThat(answer.tokensUsed()).isEqualTo(120);
		assertThat(answer.costUsd()).isEqualByComparingTo("0.00042");
		assertThat(answer.metadata()).containsKey("sources");
	}

	@Test
	void shouldAppendATurnToTheUsersConversationAndMoveItsUpdatedAt() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = this.conversations.recordTurn(turn(null, user, "First question?")).conversationId();
		Instant before = this.conversations.get(user, id).updatedAt();

		postTurn(id, user, "Second question?", "Second answer.", "").andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation_id").value(id.toString()));

		ConversationDetail stored = this.conversations.get(user, id);
		assertThat(stored.messages()).extracting(Message::content)
			.containsExactly("First question?", "Answer: First question?", "Second question?", "Second answer.");
		assertThat(stored.updatedAt()).isAfter(before);
		assertThat(stored.title()).isEqualTo("First question?");
	}

	@Test
	void shouldGiveTheLastMessagesOfTheConversationOldestFirstAsContext() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = this.conversations.recordTurn(turn(null, user, "q1")).conversationId();
		this.conversations.recordTurn(turn(id, user, "q2"));
		this.conversations.recordTurn(turn(id, user, "q3"));

		this.mvc
			.perform(get("/internal/conversations/{id}/context", id).param("user_id", user.toString())
				.param("max_messages", "3")
				.header("Authorization", SERVICE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation_id").value(id.toString()))
			.andExpect(jsonPath("$.title").value("q1"))
			.andExpect(jsonPath("$.messages", hasSize(3)))
			.andExpect(jsonPath("$.messages[0].role").value("assistant"))
			.andExpect(jsonPath("$.messages[0].content").value("Answer: q2"))
			.andExpect(jsonPath("$.messages[1].role").value("user"))
			.andExpect(jsonPath("$.messages[1].content").value("q3"))
			.andExpect(jsonPath("$.messages[2].content").value("Answer: q3"))
			.andExpect(jsonPath("$.messages[2].timestamp", notNullValue()))
			.andExpect(jsonPath("$.messages[2].metadata.technique").value("hybrid"))
			.andExpect(jsonPath("$.messages[2].tokens").isNumber())
			.andExpect(jsonPath("$.total_tokens").isNumber())
			.andExpect(jsonPath("$.truncated").value(true));
		this.mvc
			.perform(get("/internal/conversations/{id}/context", id).param("user_id", user.toString())
				.header("Authorization", SERVICE))
			.andExpect(jsonPath("$.messages", hasSize(6)))
			.andExpect(jsonPath("$.messages[0].content").value("q1"));
	}

	@Test
	void shouldNameANewConversationWithTheTitleProposedWithItsFirstTurn() throws Exception {
		UUID user = UUID.randomUUID();

		String body = postTurn(null, user, "how do i reset the build cache on the ci runners", "Run the job [1].",
				", \"title\": \"  Resetting the CI build cache \"")
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		UUID id = UUID.fromString(JsonPath.read(body, "$.conversation_id"));
		assertThat(this.conversations.get(user, id).title()).isEqualTo("Resetting the CI build cache");
		postTurn(id, user, "and on the laptops?", "Delete the folder [2].", ", \"title\": \"Something else\"")
			.andExpect(status().isOk());
		assertThat(this.conversations.get(user, id).title()).isEqualTo("Resetting the CI build cache");
	}

	@Test
	void shouldNameAnUntitledConversationOnItsFirstExchangeOnly() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = this.conversations.create(user, null).id();
		assertThat(this.conversations.get(user, id).title()).isEqualTo("New Conversation");

		postTurn(id, user, "Which printer is on the third floor?", "The HP in room 301 [1].", "")
			.andExpect(status().isOk());
		postTurn(id, user, "Does it print in colour?", "Yes [1].", "").andExpect(status().isOk());

		assertThat(this.conversations.get(user, id).title()).isEqualTo("Which printer is on the third floor?");
	}

	@Test
	void shouldTakeTheTitleWrittenAfterTheFirstExchangeOnlyWhileItIsStillNamedAfterItsQuestion() throws Exception {
		UUID user = UUID.randomUUID();
		UUID named = this.conversations.recordTurn(turn(null, user, "Which port does the staging gateway use?"))
			.conversationId();
		UUID titled = this.conversations.create(user, "Gateway notes").id();
		this.conversations.recordTurn(turn(titled, user, "Which port does the staging gateway use?"));

		retitle(named, user, "Staging gateway port", "Which port does the staging gateway use?")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.renamed").value(true));
		retitle(titled, user, "Staging gateway port", "Which port does the staging gateway use?")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.renamed").value(false));

		assertThat(this.conversations.get(user, named).title()).isEqualTo("Staging gateway port");
		assertThat(this.conversations.get(user, titled).title()).isEqualTo("Gateway notes");
		retitle(named, UUID.randomUUID(), "Stolen", "Staging gateway port").andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		retitle(named, user, " ", "Staging gateway port").andExpect(status().isBadRequest());
		assertThat(this.conversations.get(user, named).title()).isEqualTo("Staging gateway port");
	}

	@Test
	void shouldAnswer404ForTheContextOfAnotherUsersConversation() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID id = this.conversations.recordTurn(turn(null, owner, "mine")).conversationId();

		this.mvc
			.perform(get("/internal/conversations/{id}/context", id).param("user_id", UUID.randomUUID().toString())
				.header("Authorization", SERVICE))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(get("/internal/conversations/{id}/context", UUID.randomUUID()).param("user_id", owner.toString())
				.header("Authorization", SERVICE))
			.andExpect(status().isNotFound());
	}

	@Test
	void shouldRefuseATurnIntoAnotherUsersConversationAndStoreNothing() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID id = this.conversations.recordTurn(turn(null, owner, "owner's question")).conversationId();

		postTurn(id, UUID.randomUUID(), "intruder's question", "answer", "").andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		assertThat(this.conversations.get(owner, id).messages()).hasSize(2);
		assertThat(countMessagesWithContent("intruder's question")).isZero();
	}

	@Test
	void shouldStoreNeitherMessageNorTheNewConversationWhenTheSecondInsertFails() {
		UUID user = UUID.randomUUID();
		String question = "Atomicity probe " + UUID.randomUUID();
		// cost_usd is numeric(10,6): this value overflows it, so the answer's insert
		// fails
		// after the question's insert succeeded
		Turn failing = new Turn(null, user, question, "answer", Map.of(), Map.of(), 1, new BigDecimal("123456.5"));

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.conversations.recordTurn(failing));

		assertThat(countMessagesWithContent(question)).isZero();
		assertThat(this.conversations.list(user, 50, 0).total()).isZero();
	}

	@Test
	void shouldLeaveAnExistingConversationUntouchedWhenTheSecondInsertFails() {
		UUID user = UUID.randomUUID();
		UUID id = this.conversations.recordTurn(turn(null, user, "first")).conversationId();
		ConversationDetail before = this.conversations.get(user, id);
		String question = "Atomicity probe " + UUID.randomUUID();

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.conversations
			.recordTurn(new Turn(id, user, question, "answer", null, null, null, new BigDecimal("99999"))));

		ConversationDetail after = this.conversations.get(user, id);
		assertThat(after.messages()).hasSize(2);
		assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
		assertThat(countMessagesWithContent(question)).isZero();
	}

	@Test
	void shouldRejectInvalidTurnsAsProblemsWithTheRequestId() throws Exception {
		UUID user = UUID.randomUUID();
		postTurn(null, user, "   ", "answer", "").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("question")))
			.andExpect(jsonPath("$.request_id").value("req-turn-test-1"));
		postTurn(null, user, "question", "answer", ", \"cost_usd\": 10000").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsStringIgnoringCase("cost")));
		postTurn(null, user, "question", "answer", ", \"tokens_used\": -1").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsStringIgnoringCase("tokens")));
		this.mvc
			.perform(post("/internal/conversations/turns").header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"question\": \"q\", \"answer\": \"a\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsStringIgnoringCase("user")));
		this.mvc
			.perform(post("/internal/conversations/turns").header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"user_id\": \"nope\", \"question\": \"q\", \"answer\": \"a\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.conversations.list(user, 50, 0).total()).isZero();
	}

	@Test
	void shouldKeepInternalEndpointsForServicesOnly() throws Exception {
		UUID user = UUID.randomUUID();
		String userToken = "Bearer " + TestTokens.user(user.toString(), "mallory", "admin");

		this.mvc
			.perform(post("/internal/conversations/turns").header("Authorization", userToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"user_id\": \"" + user + "\", \"question\": \"q\", \"answer\": \"a\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(get("/internal/conversations/{id}/context", UUID.randomUUID()).param("user_id", user.toString()))
			.andExpect(status().isUnauthorized());
		assertThat(this.conversations.list(user, 50, 0).total()).isZero();
	}

	private org.springframework.test.web.servlet.ResultActions postTurn(UUID conversationId, UUID user, String question,
			String answer, String extra) throws Exception {
		String conversation = (conversationId != null) ? "\"" + conversationId + "\"" : "null";
		String json = "{\"conversation_id\": " + conversation + ", \"user_id\": \"" + user + "\", \"question\": "
				+ quote(question) + ", \"answer\": " + quote(answer) + ", \"user_metadata\": {\"client\": \"web\"}"
				+ extra + "}";
		return this.mvc.perform(post("/internal/conversations/turns").header("Authorization", SERVICE)
			.header("X-Request-ID", "req-turn-test-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private org.springframework.test.web.servlet.ResultActions retitle(UUID conversationId, UUID user, String title,
			String namedAfter) throws Exception {
		return this.mvc
			.perform(put("/internal/conversations/{id}/title", conversationId).header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"user_id\": \"" + user + "\", \"title\": " + quote(title) + ", \"named_after\": "
						+ quote(namedAfter) + "}"));
	}

	private long countMessagesWithContent(String content) {
		return this.jdbc.sql("select count(*) from messages where content = ?")
			.param(content)
			.query(Long.class)
			.single();
	}

	private static Turn turn(UUID conversationId, UUID user, String question) {
		return new Turn(conversationId, user, question, "Answer: " + question, Map.of(), Map.of("technique", "hybrid"),
				null, null);
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\\\"") + "\"";
	}

}
