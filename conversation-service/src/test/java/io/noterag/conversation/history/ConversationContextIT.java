package io.noterag.conversation.history;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestInfrastructure;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The context of the next turn through the internal API, against the real Postgres and
 * Redis: token budget counted per model family, message limit, cache and its
 * invalidation, ownership, bad input.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
class ConversationContextIT {

	private static final String SERVICE = "Bearer " + TestTokens.service("query-service");

	private static final int TOKENS_PER_MESSAGE = 4;

	@Autowired
	MockMvc mvc;

	@Autowired
	ConversationService conversations;

	@Autowired
	TokenCounters tokens;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldLetALongMessagePushTheOlderOnesOutOfTheTokenBudget() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "What does the onboarding checklist say about laptops?",
				"Laptops are ordered by IT two weeks before the start date [1].");
		turn(id, user, "Who approves the order?", "The team lead approves it in the portal [2].");
		String longQuestion = "Please summarise every step of the hardware return process, "
				+ "including the courier booking, the data wipe certificate, the asset register update, "
				+ "the final sign-off by facilities, and what happens when a device is damaged or lost. ".repeat(3);
		turn(id, user, longQuestion, "Book the courier, wipe the disk, update the register [3].");
		int lastAnswer = cost("Book the courier, wipe the disk, update the register [3].");
		int budget = cost(longQuestion) + lastAnswer + cost("The team lead approves it in the portal [2].") - 1;

		String body = context(id, user, 10, budget).andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation_id").value(id.toString()))
			.andExpect(jsonPath("$.messages", hasSize(2)))
			.andExpect(jsonPath("$.messages[0].role").value("user"))
			.andExpect(jsonPath("$.messages[0].content").value(longQuestion))
			.andExpect(jsonPath("$.messages[0].tokens").value(cost(longQuestion)))
			.andExpect(jsonPath("$.messages[1].role").value("assistant"))
			.andExpect(jsonPath("$.messages[1].tokens").value(lastAnswer))
			.andExpect(jsonPath("$.messages[1].id").isNotEmpty())
			.andExpect(jsonPath("$.messages[1].timestamp").isNotEmpty())
			.andExpect(jsonPath("$.messages[1].metadata.technique").value("hybrid"))
			.andExpect(jsonPath("$.total_tokens").value(cost(longQuestion) + lastAnswer))
			.andExpect(jsonPath("$.max_tokens").value(budget))
			.andExpect(jsonPath("$.max_messages").value(10))
			.andExpect(jsonPath("$.tokenizer").value("o200k_base"))
			.andExpect(jsonPath("$.truncated").value(true))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(cost(longQuestion)).as("the long question outweighs the rest of the conversation")
			.isGreaterThan(3 * cost("Laptops are ordered by IT two weeks before the start date [1]."));
		assertThat((Integer) JsonPath.read(body, "$.total_tokens")).isLessThanOrEqualTo(budget);

		// one token more and the previous answer fits too; the question before it does
		// not
		context(id, user, 10, budget + 1).andExpect(jsonPath("$.messages", hasSize(3)))
			.andExpect(jsonPath("$.messages[0].content").value("The team lead approves it in the portal [2]."))
			.andExpect(jsonPath("$.truncated").value(true));
		// a budget for everything: the whole conversation, oldest first
		context(id, user, 10, 100_000).andExpect(jsonPath("$.messages", hasSize(6)))
			.andExpect(jsonPath("$.messages[0].content").value("What does the onboarding checklist say about laptops?"))
			.andExpect(jsonPath("$.messages[5].content")
				.value("Book the courier, wipe the disk, update the register [3]."))
			.andExpect(jsonPath("$.truncated").value(false));
	}

	@Test
	void shouldTakeNoMoreMessagesThanAskedAndUseTheConfiguredDefaults() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "q1", "a1");
		turn(id, user, "q2", "a2");
		turn(id, user, "q3", "a3");

		context(id, user, 3, 100_000).andExpect(jsonPath("$.messages[*].content", contains("a2", "q3", "a3")))
			.andExpect(jsonPath("$.total_tokens").value(cost("a2") + cost("q3") + cost("a3")))
			.andExpect(jsonPath("$.truncated").value(true));
		this.mvc
			.perform(get("/internal/conversations/{id}/context", id).param("user_id", user.toString())
				.header("Authorization", SERVICE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.max_messages").value(10))
			.andExpect(jsonPath("$.max_tokens").value(4000))
			.andExpect(jsonPath("$.messages", hasSize(6)));
	}

	@Test
	void shouldServeARepeatedContextFromRedisUntilATurnIsAdded() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "Where is the spare key?", "In the blue box [1].");
		String key = TestInfrastructure.redisPrefix() + "conversation-context:" + id;

		context(id, user, 10, 4000).andExpect(jsonPath("$.messages[1].content").value("In the blue box [1]."));
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000");
		assertThat(this.redis.getExpire(key)).isBetween(1L, Duration.ofMinutes(5).toSeconds());

		// changed behind the service's back: a cache hit still shows the old answer
		this.jdbc.sql("update messages set content = 'In the red box [1].' where conversation_id = ? and role = ?")
			.params(id, "assistant")
			.update();
		context(id, user, 10, 4000).andExpect(jsonPath("$.messages[1].content").value("In the blue box [1]."));
		// other limits are another entry
		context(id, user, 1, 4000).andExpect(jsonPath("$.messages[0].content").value("In the red box [1]."));
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000", "o200k_base:4:1:4000");

		recordTurnThroughTheApi(id, user, "And the garage key?", "On the hook [2].");

		assertThat(this.redis.opsForHash().keys(key)).doesNotContain("o200k_base:4:10:4000", "o200k_base:4:1:4000");
		context(id, user, 10, 4000).andExpect(jsonPath("$.messages", hasSize(4)))
			.andExpect(jsonPath("$.messages[1].content").value("In the red box [1]."))
			.andExpect(jsonPath("$.messages[3].content").value("On the hook [2]."));
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000");
	}

	@Test
	void shouldForgetTheCachedContextWhenTheConversationIsDeleted() throws Exception {
		User owner = User.create();
		UUID id = turn(null, owner.id(), "Temporary question", "Temporary answer");
		String key = TestInfrastructure.redisPrefix() + "conversation-context:" + id;
		context(id, owner.id(), 10, 4000).andExpect(status().isOk());
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000");

		this.mvc.perform(delete("/api/v2/conversations/{id}", id).header("Authorization", owner.bearer()))
			.andExpect(status().isOk());

		assertThat(this.redis.opsForHash().keys(key)).doesNotContain("o200k_base:4:10:4000");
		expectNotFound(context(id, owner.id(), 10, 4000));
	}

	@Test
	void shouldNotHandACachedContextToAnotherUser() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID id = turn(null, owner, "Salary bands for 2026?", "Band C starts at ... [1].");
		context(id, owner, 10, 4000).andExpect(status().isOk());

		expectNotFound(context(id, UUID.randomUUID(), 10, 4000));
		expectNotFound(context(UUID.randomUUID(), owner, 10, 4000));
	}

	@Test
	void shouldRejectLimitsOutOfRangeNamingTheParameter() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "q", "a");

		expectBadRequest(context(id, user, 0, 4000), "max_messages: must be between 1 and 100");
		expectBadRequest(context(id, user, 101, 4000), "max_messages: must be between 1 and 100");
		expectBadRequest(context(id, user, 10, 0), "max_tokens: must be between 1 and 128000");
		expectBadRequest(context(id, user, 10, 128_001), "max_tokens: must be between 1 and 128000");
		expectBadRequest(
				this.mvc.perform(get("/internal/conversations/{id}/context", id).param("user_id", user.toString())
					.param("max_tokens", "lots")
					.header("Authorization", SERVICE)),
				"'max_tokens'");
		expectBadRequest(this.mvc
			.perform(get("/internal/conversations/{id}/context", "not-a-uuid").param("user_id", user.toString())
				.header("Authorization", SERVICE)), "'id'");
		expectBadRequest(this.mvc.perform(get("/internal/conversations/{id}/context", id).param("user_id", "nobody")
			.header("Authorization", SERVICE)), "'user_id'");
		expectBadRequest(
				this.mvc.perform(get("/internal/conversations/{id}/context", id).header("Authorization", SERVICE)),
				"'user_id'");
		context(id, user, 100, 128_000).andExpect(status().isOk());
	}

	@Test
	void shouldTrimTheSameHistoryDifferentlyForTheModelFamilyThatWillReadIt() throws Exception {
		UUID user = UUID.randomUUID();
		String q1 = "Which cloud regions host the customer analytics warehouse and its nightly backups?";
		String a1 = "The warehouse runs in Frankfurt and Dublin; backups are copied to Stockholm every night [1].";
		String q2 = "How long are those nightly backups retained before the lifecycle policy deletes them?";
		String a2 = "Daily backups are kept for thirty-five days, monthly snapshots for seven years [2].";
		UUID id = turn(null, user, q1, a1);
		turn(id, user, q2, a2);
		int budget = cost("gpt-4o", a1) + cost("gpt-4o", q2) + cost("gpt-4o", a2);
		assertThat(cost("claude-3-5-sonnet-latest", q2) + cost("claude-3-5-sonnet-latest", a2))
			.as("the last two messages fit the budget as Claude is counted")
			.isLessThanOrEqualTo(budget);
		assertThat(cost("claude-3-5-sonnet-latest", a1) + cost("claude-3-5-sonnet-latest", q2)
				+ cost("claude-3-5-sonnet-latest", a2))
			.as("the last three do not")
			.isGreaterThan(budget);

		context(id, user, 10, budget, "gpt-4o").andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[*].content", contains(a1, q2, a2)))
			.andExpect(jsonPath("$.total_tokens").value(budget))
			.andExpect(jsonPath("$.tokenizer").value("o200k_base"))
			.andExpect(jsonPath("$.token_factor").value(1))
			.andExpect(jsonPath("$.truncated").value(true));
		context(id, user, 10, budget, "claude-3-5-sonnet-latest").andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[*].content", contains(q2, a2)))
			.andExpect(jsonPath("$.messages[0].tokens").value(cost("claude-3-5-sonnet-latest", q2)))
			.andExpect(jsonPath("$.messages[1].tokens").value(cost("claude-3-5-sonnet-latest", a2)))
			.andExpect(jsonPath("$.tokenizer").value("cl100k_base"))
			.andExpect(jsonPath("$.token_factor").value(1.2))
			.andExpect(jsonPath("$.truncated").value(true));
		// without a model: the configured tokenizer, as for GPT-4o
		context(id, user, 10, budget).andExpect(jsonPath("$.messages", hasSize(3)))
			.andExpect(jsonPath("$.tokenizer").value("o200k_base"));
	}

	@Test
	void shouldNeverServeAContextCountedForOneFamilyToAnother() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "Where is the spare key?", "In the blue box [1].");
		String key = TestInfrastructure.redisPrefix() + "conversation-context:" + id;
		context(id, user, 10, 4000, "gpt-4o").andExpect(status().isOk());
		context(id, user, 10, 4000, "claude-3-5-sonnet-latest").andExpect(status().isOk());
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000", "cl100k_base*1.2:4:10:4000");

		// changed behind the service's back: only a hit still shows the old answer
		this.jdbc.sql("update messages set content = 'In the red box [1].' where conversation_id = ? and role = ?")
			.params(id, "assistant")
			.update();

		// models counted alike share one entry
		context(id, user, 10, 4000, "gpt-4o-mini")
			.andExpect(jsonPath("$.messages[1].content").value("In the blue box [1]."));
		context(id, user, 10, 4000, "llama3.1:8b")
			.andExpect(jsonPath("$.messages[1].content").value("In the blue box [1]."))
			.andExpect(jsonPath("$.token_factor").value(1.2));
		// GPT-4 counts exactly with cl100k_base: neither of the two entries
		context(id, user, 10, 4000, "gpt-4").andExpect(jsonPath("$.messages[1].content").value("In the red box [1]."))
			.andExpect(jsonPath("$.tokenizer").value("cl100k_base"))
			.andExpect(jsonPath("$.token_factor").value(1));
		assertThat(this.redis.opsForHash().keys(key)).contains("cl100k_base:4:10:4000");
	}

	@Test
	void shouldRejectAMalformedModelNameNamingTheParameter() throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = turn(null, user, "q", "a");

		for (String model : new String[] { "g".repeat(201), "gpt-4o\u0007", "gpt-4o\n", "gpt 4o", " ",
				"gpt-4o;drop" }) {
			expectBadRequest(context(id, user, 10, 4000, model), "model: must be a model name of at most 200");
		}
		context(id, user, 10, 4000, "m".repeat(200)).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_factor").value(1.2));
		context(id, user, 10, 4000, "").andExpect(status().isOk())
			.andExpect(jsonPath("$.tokenizer").value("o200k_base"));
	}

	@Test
	void shouldShowTheNewTitleInTheContextOnceTheConversationIsRenamed() throws Exception {
		UUID user = UUID.randomUUID();
		String question = "Which port does the staging gateway use?";
		UUID id = turn(null, user, question, "Port 8443 [1].");
		String key = TestInfrastructure.redisPrefix() + "conversation-context:" + id;
		context(id, user, 10, 4000).andExpect(jsonPath("$.title").value(question));
		assertThat(this.redis.opsForHash().keys(key)).contains("o200k_base:4:10:4000");

		this.mvc
			.perform(put("/internal/conversations/{id}/title", id).header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"user_id\": \"" + user + "\", \"title\": \"Staging gateway port\", \"named_after\": \""
						+ question + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.renamed").value(true));

		assertThat(this.redis.opsForHash().keys(key)).doesNotContain("o200k_base:4:10:4000");
		context(id, user, 10, 4000).andExpect(jsonPath("$.title").value("Staging gateway port"));
	}

	private int cost(String content) {
		return cost(null, content);
	}

	private int cost(String model, String content) {
		return this.tokens.forModel(model).count(content) + TOKENS_PER_MESSAGE;
	}

	private UUID turn(UUID conversationId, UUID user, String question, String answer) {
		return this.conversations
			.recordTurn(new Turn(conversationId, user, question, answer, Map.of("client", "web"),
					Map.of("technique", "hybrid"), 20, null))
			.conversationId();
	}

	private void recordTurnThroughTheApi(UUID conversationId, UUID user, String question, String answer)
			throws Exception {
		this.mvc
			.perform(post("/internal/conversations/turns").header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"conversation_id\": \"" + conversationId + "\", \"user_id\": \"" + user
						+ "\", \"question\": \"" + question + "\", \"answer\": \"" + answer + "\"}"))
			.andExpect(status().isOk());
	}

	private ResultActions context(UUID conversationId, UUID user, int maxMessages, int maxTokens) throws Exception {
		return context(conversationId, user, maxMessages, maxTokens, null);
	}

	private ResultActions context(UUID conversationId, UUID user, int maxMessages, int maxTokens, String model)
			throws Exception {
		MockHttpServletRequestBuilder request = get("/internal/conversations/{id}/context", conversationId)
			.param("user_id", user.toString())
			.param("max_messages", Integer.toString(maxMessages))
			.param("max_tokens", Integer.toString(maxTokens))
			.header("Authorization", SERVICE);
		if (model != null) {
			request.param("model", model);
		}
		return this.mvc.perform(request);
	}

	private static void expectNotFound(ResultActions result) throws Exception {
		result.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static void expectBadRequest(ResultActions result, String detail) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(detail)))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	record User(UUID id, String token) {

		static User create() {
			UUID id = UUID.randomUUID();
			return new User(id, TestTokens.user(id.toString(), "user-" + id.toString().substring(0, 8), "user"));
		}

		String bearer() {
			return "Bearer " + this.token;
		}

	}

}
