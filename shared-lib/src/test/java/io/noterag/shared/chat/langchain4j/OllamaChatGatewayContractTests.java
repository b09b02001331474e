package io.noterag.shared.chat.langchain4j;

import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatGatewayContractTests;
import org.junit.jupiter.api.AfterEach;

/** The gateway's contract against a local server speaking Ollama's own chat API. */
class OllamaChatGatewayContractTests extends ChatGatewayContractTests {

	private FakeOllamaServer server;

	@Override
	protected ChatGateway createGateway(String answer) throws Exception {
		this.server = new FakeOllamaServer(answer);
		return new LangChain4jChatGateway(LlmSettings
			.of("providers[0].type", "ollama", "providers[0].model", "llama3.1:8b", "providers[0].base-url",
					this.server.root().toString())
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
