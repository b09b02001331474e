package io.noterag.shared.chat.langchain4j;

import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatGatewayContractTests;
import org.junit.jupiter.api.AfterEach;

/** The gateway's contract against a local server speaking Anthropic's Messages API. */
class AnthropicChatGatewayContractTests extends ChatGatewayContractTests {

	private FakeAnthropicServer server;

	@Override
	protected ChatGateway createGateway(String answer) throws Exception {
		this.server = new FakeAnthropicServer("sk-ant-test-contract-77c2", answer);
		return new LangChain4jChatGateway(LlmSettings
			.of("providers[0].type", "anthropic", "providers[0].model", "claude-sonnet-4-5", "providers[0].base-url",
					this.server.baseUrl().toString(), "providers[0].api-key", "sk-ant-test-contract-77c2")
			.bind(), null);
	}

	@Override
	protected long backendCalls() {
		return this.server.requestCount();
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

}
