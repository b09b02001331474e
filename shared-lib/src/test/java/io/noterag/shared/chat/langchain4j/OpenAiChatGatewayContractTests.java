package io.noterag.shared.chat.langchain4j;

import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatGatewayContractTests;
import org.junit.jupiter.api.AfterEach;

/**
 * The gateway's contract against a local server speaking OpenAI's chat completions API.
 */
class OpenAiChatGatewayContractTests extends ChatGatewayContractTests {

	private FakeOpenAiServer server;

	@Override
	protected ChatGateway createGateway(String answer) throws Exception {
		this.server = new FakeOpenAiServer("sk-test-contract-5b1e", answer);
		return new LangChain4jChatGateway(LlmSettings
			.of("providers[0].type", "openai", "providers[0].model", "gpt-4o-mini", "providers[0].base-url",
					this.server.baseUrl().toString(), "providers[0].api-key", "sk-test-contract-5b1e")
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
