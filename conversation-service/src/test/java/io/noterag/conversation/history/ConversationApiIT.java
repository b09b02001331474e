package io.noterag.conversation.history;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
class ConversationApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	ConversationService conversations;

	@Test
	void shouldListOnlyTheCallersConversationsMostRecentlyUpdatedFirstWithTheirMessageCounts() throws Exception {
		User alice = User.create();
		User bob = User.create();
		UUID first = turn(alice, null, "What is the budget for the Lisbon offsite?");
		UUID second = turn(alice, null, "Who approved the vendor contract?");
		turn(bob, null, "Bob's private question about salaries");
		turn(alice, first, "And what about the travel costs?");

		this.mvc.perform(get("/api/v2/conversations").header("Authorization", alice.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.conversations", hasSize(2)))
			.andExpect(jsonPath("$.conversations[0].id").value(first.toString()))
			.andExpect(jsonPath("$.conversations[0].title").value("What is the budget for the Lisbon offsite?"))
			.andExpect(jsonPath("$.conversations[0].message_count").value(4))
			.andExpect(jsonPath("$.conversations[0].user_id").value(alice.id().toString()))
			.andExpect(jsonPath("$.conversations[0].metadata").isMap())
			.andExpect(jsonPath("$.conversations[0].created_at", notNullValue()))
			.andExpect(jsonPath("$.conversations[0].updated_at", notNullValue()))
			.andExpect(jsonPath("$.conversations[1].id").value(second.toString()))
			.andExpect(jsonPath("$.conversations[1].message_count").value(2));
	}

	@Test
	void shouldPageWithLimitAndOffsetWhileReportingTheTotal() throws Exception {
		User carol = User.create();
		UUID[] ids = new UUID[5];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = turn(carol, null, "Question number " + i);
		}

		this.mvc.perform(get("/api/v2/conversations?limit=2&offset=1").header("Authorization", carol.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(5))
			.andExpect(jsonPath("$.conversations", hasSize(2)))
			.andExpect(jsonPath("$.conversations[0].id").value(ids[3].toString()))
			.andExpect(jsonPath("$.conversations[1].id").value(ids[2].toString()));
		this.mvc.perform(get("/api/v2/conversations?limit=2&offset=4").header("Authorization", carol.bearer()))
			.andExpect(jsonPath("$.conversations", hasSize(1)))
			.andExpect(jsonPath("$.conversations[0].id").value(ids[0].toString()));
		this.mvc.perform(get("/api/v2/conversations?offset=10").header("Authorization", carol.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(5))
			.andExpect(jsonPath("$.conversations", hasSize(0)));
	}

	@Test
	void shouldAnswerAnEmptyListToANewUser() throws Exception {
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", User.create().bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0))
			.andExpect(jsonPath("$.conversations", hasSize(0)));
	}

	@Test
	void shouldShowTheFullHistoryInOrder() throws Exception {
		User dave = User.create();
		UUID id = turn(dave, null, "Where are the minutes of the March board meeting?");
		turn(dave, id, "Who wrote them?");

		this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", dave.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation.id").value(id.toString()))
			.andExpect(jsonPath("$.conversation.user_id").value(dave.id().toString()))
			.andExpect(jsonPath("$.conversation.title").value("Where are the minutes of the March board meeting?"))
			.andExpect(jsonPath("$.conversation.created_at", notNullValue()))
			.andExpect(jsonPath("$.conversation.updated_at", notNullValue()))
			.andExpect(jsonPath("$.conversation.metadata").isMap())
			.andExpect(jsonPath("$.conversation.messages", hasSize(4)))
			.andExpect(jsonPath("$.conversation.messages[*].conversation_id", everyItem(is(id.toString()))))
			.andExpect(jsonPath("$.conversation.messages[0].role").value("user"))
			.andExpect(jsonPath("$.conversation.messages[0].content")
				.value("Where are the minutes of the March board meeting?"))
			.andExpect(jsonPath("$.conversation.messages[0].metadata.client").value("test"))
			.andExpect(jsonPath("$.conversation.messages[0].tokens_used", nullValue()))
			.andExpect(jsonPath("$.conversation.messages[1].role").value("assistant"))
			.andExpect(jsonPath("$.conversation.messages[1].content")
				.value("Answer to: Where are the minutes of the March board meeting?"))
			.andExpect(jsonPath("$.conversation.messages[1].metadata.technique").value("hybrid"))
			.andExpect(jsonPath("$.conversation.messages[1].tokens_used").value(42))
			.andExpect(jsonPath("$.conversation.messages[1].cost_usd").value(0.0021))
			.andExpect(jsonPath("$.conversation.messages[2].content").value("Who wrote them?"))
			.andExpect(jsonPath("$.conversation.messages[3].content").value("Answer to: Who wrote them?"))
			.andExpect(jsonPath("$.conversation.messages[3].id", notNullValue()))
			.andExpect(jsonPath("$.conversation.messages[3].timestamp", notNullValue()));
	}

	@Test
	void shouldKeepAnotherUsersConversationHiddenFromReadingListingAndDeleting() throws Exception {
		User owner = User.create();
		User intruder = User.create();
		UUID id = turn(owner, null, "Confidential: what is the acquisition price?");

		expectNotFound(this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", intruder.bearer())));
		expectNotFound(
				this.mvc.perform(delete("/api/v2/conversations/" + id).header("Authorization", intruder.bearer())));
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", intruder.bearer()))
			.andExpect(jsonPath("$.total").value(0));

		this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", owner.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation.messages", hasSize(2)));
	}

	@Test
	void shouldDeleteAConversationWithItsMessagesAndAnswer404Afterwards() throws Exception {
		User erin = User.create();
		UUID id = turn(erin, null, "Delete me afterwards please");

		this.mvc.perform(delete("/api/v2/conversations/" + id).header("Authorization", erin.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.success").value(true));

		expectNotFound(this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", erin.bearer())));
		expectNotFound(this.mvc.perform(delete("/api/v2/conversations/" + id).header("Authorization", erin.bearer())));
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", erin.bearer()))
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void shouldAnswer404ForAnIdThatNeverExisted() throws Exception {
		expectNotFound(this.mvc.perform(
				get("/api/v2/conversations/" + UUID.randomUUID()).header("Authorization", User.create().bearer())));
	}

	@Test
	void shouldAnswer400ProblemForAMalformedId() throws Exception {
		this.mvc
			.perform(get("/api/v2/conversations/not-a-uuid").header("Authorization", User.create().bearer())
				.header("X-Request-ID", "req-malformed-id-1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.request_id").value("req-malformed-id-1"))
			.andExpect(jsonPath("$.detail", containsString("'id'")));
		this.mvc.perform(delete("/api/v2/conversations/42").header("Authorization", User.create().bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void shouldCreateAConversationWithTheGivenTitle() throws Exception {
		User frank = User.create();

		String location = this.mvc
			.perform(post("/api/v2/conversations").header("Authorization", frank.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"  Quarterly planning  \"}"))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.conversation.title").value("Quarterly planning"))
			.andExpect(jsonPath("$.conversation.messages", hasSize(0)))
			.andReturn()
			.getResponse()
			.getHeader("Location");

		this.mvc.perform(get(location).header("Authorization", frank.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation.title").value("Quarterly planning"));
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", frank.bearer()))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.conversations[0].message_count").value(0));
	}

	@Test
	void shouldNameAConversationCreatedWithoutATitleAfterItsFirstQuestion() throws Exception {
		User ivan = User.create();
		UUID id = UUID.fromString(com.jayway.jsonpath.JsonPath
			.read(this.mvc.perform(post("/api/v2/conversations").header("Authorization", ivan.bearer()))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.conversation.id"));

		turn(ivan, id, "What is the parental leave policy in Portugal?");
		turn(ivan, id, "And in Spain?");

		this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", ivan.bearer()))
			.andExpect(jsonPath("$.conversation.title").value("What is the parental leave policy in Portugal?"))
			.andExpect(jsonPath("$.conversation.messages", hasSize(4)));
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", ivan.bearer()))
			.andExpect(jsonPath("$.conversations[0].title").value("What is the parental leave policy in Portugal?"));
	}

	@Test
	void shouldKeepTheTitleTheUserGaveAfterTheFirstExchange() throws Exception {
		User judy = User.create();
		UUID id = this.conversations.create(judy.id(), "Leave policies").id();

		turn(judy, id, "What is the parental leave policy in Portugal?");

		this.mvc.perform(get("/api/v2/conversations/" + id).header("Authorization", judy.bearer()))
			.andExpect(jsonPath("$.conversation.title").value("Leave policies"));
	}

	@Test
	void shouldCreateAConversationWithTheDefaultTitleWhenNoneIsGiven() throws Exception {
		User grace = User.create();

		this.mvc.perform(post("/api/v2/conversations").header("Authorization", grace.bearer()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.conversation.title").value("New Conversation"));
		this.mvc
			.perform(post("/api/v2/conversations").header("Authorization", grace.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.conversation.title").value("New Conversation"));
	}

	@Test
	void shouldRejectATitleLongerThanTheTableHoldsAsAProblem() throws Exception {
		this.mvc
			.perform(post("/api/v2/conversations").header("Authorization", User.create().bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"" + "x".repeat(501) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", is("title: size must be between 0 and 500")))
			.andExpect(jsonPath("$.request_id", notNullValue()));
	}

	@Test
	void shouldRejectAMalformedJsonBodyAsAProblem() throws Exception {
		this.mvc
			.perform(post("/api/v2/conversations").header("Authorization", User.create().bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.request_id", notNullValue()));
	}

	@Test
	void shouldListFiftyConversationsWhenNoLimitIsGiven() throws Exception {
		User kim = User.create();
		for (int i = 0; i < 51; i++) {
			turn(kim, null, "Question " + i);
		}

		this.mvc.perform(get("/api/v2/conversations").header("Authorization", kim.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(51))
			.andExpect(jsonPath("$.conversations", hasSize(50)))
			.andExpect(jsonPath("$.conversations[0].title").value("Question 50"));
	}

	@Test
	void shouldRejectALimitOutsideOneToTwoHundredAsAProblem() throws Exception {
		User henry = User.create();
		for (String query : new String[] { "limit=0", "limit=201", "limit=-5", "offset=-1", "limit=abc", "offset=x",
				"offset=99999999999" }) {
			String parameter = query.substring(0, query.indexOf('='));
			this.mvc
				.perform(get("/api/v2/conversations?" + query).header("Authorization", henry.bearer())
					.header("X-Request-ID", "req-bad-page-1"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.request_id").value("req-bad-page-1"))
				.andExpect(jsonPath("$.detail", containsString(parameter)));
		}
		this.mvc.perform(get("/api/v2/conversations?limit=200").header("Authorization", henry.bearer()))
			.andExpect(status().isOk());
	}

	@Test
	void shouldAnswer401ProblemWithoutAToken() throws Exception {
		this.mvc.perform(get("/api/v2/conversations").header("X-Request-ID", "req-no-token-1"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("X-Request-ID", "req-no-token-1"))
			.andExpect(jsonPath("$..request_id", hasItem("req-no-token-1")));
		this.mvc.perform(get("/api/v2/conversations").header("Authorization", "Bearer " + TestTokens.expired("user")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void shouldRefuseServiceTokensOnTheUsersApi() throws Exception {
		this.mvc
			.perform(get("/api/v2/conversations").header("Authorization",
					"Bearer " + TestTokens.service("query-service")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void shouldExposeHealthProbesAndMetricsWithoutAToken() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("application=\"conversation-service\"")));
	}

	private UUID turn(User user, UUID conversationId, String question) {
		return this.conversations
			.recordTurn(new Turn(conversationId, user.id(), question, "Answer to: " + question,
					java.util.Map.of("client", "test"), java.util.Map.of("technique", "hybrid"), 42,
					new java.math.BigDecimal("0.0021")))
			.conversationId();
	}

	private static void expectNotFound(ResultActions result) throws Exception {
		result.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.request_id", notNullValue()));
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
