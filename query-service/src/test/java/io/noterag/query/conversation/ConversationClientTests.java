package io.noterag.query.conversation;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.noterag.query.StubConversationService;
import io.noterag.query.tokens.LanguageModelTokens;
import io.noterag.query.tokens.TokenProperties;
import io.noterag.shared.chat.LlmProperties;
import io.noterag.shared.web.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConversationClientTests {

	private final StubConversationService stub = StubConversationService.start();

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void shouldStoreATurnInANewConversationAndLoadItForItsOwnerOnly() {
		ConversationClient client = client(this.stub.url(), this.stub.serviceToken());
		String user = UUID.randomUUID().toString();

		StoredTurn stored = client.store(new Turn(null, user, "Where is the vault?", "In the cellar [1].", Map.of(),
				Map.of("technique", "hybrid"), 0, java.math.BigDecimal.ZERO));

		assertThat(stored.conversationId()).isNotNull();
		assertThat(this.stub.lastTurnIn(stored.conversationId().toString())
			.get("assistant_metadata")
			.get("technique")
			.asString()).isEqualTo("hybrid");
		assertThat(client.context(stored.conversationId(), user).conversationId()).isEqualTo(stored.conversationId());
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> client.context(stored.conversationId(), UUID.randomUUID().toString()))
			.withMessage("conversation not found")
			.satisfies((ex) -> assertThat(ex.getStatus().value()).isEqualTo(404));
	}

	@Test
	void shouldReport503NamingConversationServiceWhenItIsDown() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ConversationClient client = client("http://127.0.0.1:" + closedPort, "none");

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> client.context(UUID.randomUUID(), UUID.randomUUID().toString()))
			.withMessageContaining("conversation-service is unavailable")
			.satisfies((ex) -> assertThat(ex.getStatus().value()).isEqualTo(503));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> client.store(new Turn(null, "u", "q", "a", Map.of(), Map.of(), 0, null)))
			.satisfies((ex) -> assertThat(ex.getStatus().value()).isEqualTo(503));
	}

	@Test
	void shouldReport503WhenConversationServiceFails() {
		this.stub.failWith(500);
		ConversationClient client = client(this.stub.url(), this.stub.serviceToken());

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> client.store(new Turn(null, "u", "q", "a", Map.of(), Map.of(), 0, null)))
			.withMessageContaining("conversation-service is unavailable")
			.satisfies((ex) -> assertThat(ex.getStatus().value()).isEqualTo(503));
	}

	@Test
	void shouldAskForAShareOfTheModelsContextWindowCountedWithItsTokenizer() {
		String user = UUID.randomUUID().toString();
		String conversation = this.stub.conversationOf(user);
		LanguageModelTokens gpt4 = new LanguageModelTokens(
				new LlmProperties.Provider("openai", null, "gpt-4", null, "key", Duration.ofSeconds(15), 1),
				TokenProperties.defaults());

		client(this.stub.url(), this.stub.serviceToken(), gpt4).context(UUID.fromString(conversation), user);

		// a quarter of gpt-4's 8,192 tokens
		assertThat(this.stub.contextQueries().getLast()).containsEntry("user_id", user)
			.containsEntry("max_messages", "10")
			.containsEntry("max_tokens", "2048")
			.containsEntry("model", "gpt-4");
	}

	@Test
	void shouldNameNoModelWithoutALanguageModel() {
		String user = UUID.randomUUID().toString();
		String conversation = this.stub.conversationOf(user);

		client(this.stub.url(), this.stub.serviceToken()).context(UUID.fromString(conversation), user);

		assertThat(this.stub.contextQueries().getLast()).containsEntry("max_messages", "10")
			.doesNotContainKey("model")
			.doesNotContainKey("max_tokens");
	}

	private static ConversationClient client(String url, String token) {
		return client(url, token, new LanguageModelTokens((LlmProperties.Provider) null, TokenProperties.defaults()));
	}

	private static ConversationClient client(String url, String token, LanguageModelTokens tokens) {
		JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		RestClient.Builder builder = RestClient.builder()
			.defaultHeader("Authorization", "Bearer " + token)
			.configureMessageConverters(
					(converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(json)));
		return new ConversationClient(builder,
				new ServicesProperties(url, Duration.ofSeconds(1), Duration.ofSeconds(2), 10), tokens);
	}

}
