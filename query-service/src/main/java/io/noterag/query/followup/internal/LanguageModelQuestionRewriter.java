package io.noterag.query.followup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;

import org.springframework.core.io.ClassPathResource;

/**
 * Rewrites follow-ups with the language model, from the versioned prompt
 * {@code prompts/rewrite/v1/system.txt} and the last messages of the conversation. The
 * caller falls back to the rule-based rewriter when no model answers.
 */
public class LanguageModelQuestionRewriter implements QuestionRewriter {

	static final String PROMPT = "prompts/rewrite/v1/system.txt";

	private static final int MAX_QUESTION = 1000;

	private static final int HISTORY_MESSAGES = 6;

	private static final int MAX_MESSAGE_CHARACTERS = 1500;

	private final ChatGateway chat;

	private final String system;

	public LanguageModelQuestionRewriter(ChatGateway chat) {
		this.chat = chat;
		this.system = load();
	}

	/**
	 * Asks the model for the standalone question.
	 * @throws io.noterag.shared.chat.ChatUnavailableException when no model answers
	 */
	@Override
	public Rewritten rewrite(String question, List<ConversationContext.Message> history) {
		if (history.isEmpty()) {
			return new Rewritten(question, false);
		}
		StringBuilder conversation = new StringBuilder("Conversation:\n");
		for (ConversationContext.Message message : history.subList(Math.max(0, history.size() - HISTORY_MESSAGES),
				history.size())) {
			if (message.content() == null || message.content().isBlank()) {
				continue;
			}
			String content = message.content().strip();
			if (content.length() > MAX_MESSAGE_CHARACTERS) {
				content = content.substring(0, MAX_MESSAGE_CHARACTERS) + "…";
			}
			conversation.append("user".equals(message.role()) ? "User: " : "Assistant: ")
				.append(content.replace('\n', ' '))
				.append('\n');
		}
		conversation.append("\nLast question: ").append(question);
		ChatResult result = this.chat.complete(ChatRequest.of(this.system, conversation.toString()));
		String rewritten = result.text().strip();
		if (rewritten.startsWith("\"") && rewritten.endsWith("\"") && rewritten.length() > 1) {
			rewritten = rewritten.substring(1, rewritten.length() - 1).strip();
		}
		if (rewritten.isEmpty() || rewritten.length() > MAX_QUESTION || rewritten.contains("\n")) {
			return new Rewritten(question, false);
		}
		return new Rewritten(rewritten, !rewritten.equals(question));
	}

	@Override
	public String name() {
		return "llm";
	}

	private static String load() {
		try (InputStream in = new ClassPathResource(PROMPT).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the prompt template " + PROMPT, ex);
		}
	}

}
