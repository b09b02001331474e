package io.noterag.query.expansion;

import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.answer.GenerationProperties;
import io.noterag.query.prompt.PromptTemplate;
import io.noterag.query.retrieval.HypotheticalAnswers;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatUnavailableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hypothetical answers written by the language model for {@code hyde}, from the versioned
 * prompt {@code prompts/hyde/v<version>/} ({@code system.txt}, and {@code user.txt} with
 * the {@code {{question}}}). Available only while a model is configured; when none
 * answers, no passage is returned and the question itself is searched with.
 */
@Component
class LanguageModelHypotheticalAnswers implements HypotheticalAnswers {

	private static final Logger log = LoggerFactory.getLogger(LanguageModelHypotheticalAnswers.class);

	private static final String SETTING = "noterag.generation.hyde-prompt-version";

	private static final int MAX_OUTPUT_TOKENS = 250;

	private static final int MAX_PASSAGE_CHARACTERS = 2000;

	private final ChatGateway chat;

	private final String system;

	private final PromptTemplate user;

	LanguageModelHypotheticalAnswers(ObjectProvider<ChatGateway> chat, GenerationProperties properties) {
		ChatGateway gateway = chat.getIfAvailable();
		this.chat = (gateway != null && gateway.configured()) ? gateway : null;
		int version = properties.hydePromptVersion();
		this.system = PromptTemplate.load("hyde", version, "system.txt", SETTING).text().strip();
		this.user = PromptTemplate.load("hyde", version, "user.txt", SETTING, "question");
	}

	@Override
	public boolean available() {
		return this.chat != null;
	}

	@Override
	public Passage write(String question, Instant deadline) {
		if (this.chat == null) {
			return null;
		}
		try {
			String prompt = this.user.render(Map.of("question", question.strip())).strip();
			ChatResult result = this.chat.complete(
					ChatRequest.of(this.system, prompt).withMaxOutputTokens(MAX_OUTPUT_TOKENS).withDeadline(deadline));
			String passage = result.text().strip();
			if (passage.isEmpty()) {
				log.warn("The language model ({}:{}) wrote an empty hypothetical answer", result.provider(),
						result.model());
				return null;
			}
			if (passage.length() > MAX_PASSAGE_CHARACTERS) {
				passage = passage.substring(0, MAX_PASSAGE_CHARACTERS);
			}
			return new Passage(passage, result.provider() + ":" + result.model());
		}
		catch (ChatUnavailableException ex) {
			log.warn("No language model wrote a hypothetical answer: {}", ex.failures());
			return null;
		}
	}

}
