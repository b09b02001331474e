package io.noterag.conversation.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Redis pointed at a port nobody listens on: contexts still come, from Postgres, turns
 * are still stored, and the outage is logged as a warning.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ConversationContextWithoutRedisIT {

	private static final String SERVICE = "Bearer " + TestTokens.service("query-service");

	@Autowired
	MockMvc mvc;

	@Autowired
	ConversationService conversations;

	@DynamicPropertySource
	static void redisNobodyListensOn(DynamicPropertyRegistry registry) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		registry.add("spring.data.redis.port", () -> closed);
	}

	@Test
	void shouldAnswerFromTheDatabaseAndWarnWhileRedisIsDown(CapturedOutput output) throws Exception {
		UUID user = UUID.randomUUID();
		UUID id = this.conversations
			.recordTurn(new Turn(null, user, "Is the VPN needed at the office?", "No, only remotely [1].", Map.of(),
					Map.of(), null, null))
			.conversationId();

		context(id, user).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages", hasSize(2)))
			.andExpect(jsonPath("$.messages[1].content").value("No, only remotely [1]."))
			.andExpect(jsonPath("$.total_tokens").isNumber());
		this.mvc
			.perform(post("/internal/conversations/turns").header("Authorization", SERVICE)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"conversation_id\": \"" + id + "\", \"user_id\": \"" + user
						+ "\", \"question\": \"And at home?\", \"answer\": \"Yes [1].\"}"))
			.andExpect(status().isOk());
		context(id, user).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages", hasSize(4)))
			.andExpect(jsonPath("$.messages[3].content").value("Yes [1]."));
		context(id, UUID.randomUUID()).andExpect(status().isNotFound());

		assertThat(output).contains("WARN").contains("Redis is unreachable");
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	private org.springframework.test.web.servlet.ResultActions context(UUID id, UUID user) throws Exception {
		return this.mvc.perform(get("/internal/conversations/{id}/context", id).param("user_id", user.toString())
			.header("Authorization", SERVICE));
	}

}
