package io.noterag.query.followup.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;
import io.noterag.query.prompt.PromptTemplate;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;

/**
 * Rewrites follow-ups with the language model, from the versioned prompt
 * {@code prompts/rewrite/v<version>/} ({@code system.txt}; {@code user.txt} with the
 * {@code {{conversation}}} and the {@code {{question}}}; each message of the conversation
 * as {@code user-line.txt} or {@code assistant-line.txt}) and the last messages of the
 * conversation. The caller falls back to the rule-based rewriter when no model answers.
 */
public class LanguageModelQuestionRewriter implements QuestionRewriter {

	static final String SETTING = "noterag.generation.rewrite-prompt-version";

	private static final int MAX_QUESTION = 1000;

	private static final int HISTORY_MESSAGES = 6;

	private static final int MAX_MESSAGE_CHARACTERS = 1500;

	private final ChatGateway chat;

	private final String system;

	private final PromptTemplate user;

	private final PromptTemplate userLine;

	private final PromptTemplate assistantLine;

	/**
	 * A rewriter with the given prompt version.
	 * @param chat the language model
	 * @param promptVersion the folder {@code prompts/rewrite/v<version>}
	 */
	public LanguageModelQuestionRewriter(ChatGateway chat, int promptVersion) {
		this.chat = chat;
		this.system = PromptTemplate.load("rewrite", promptVersion, "system.txt", SETTING).text();
		this.user = PromptTemplate.load("rewrite", promptVersion, "user.txt", SETTING, "conversation", "question");
		this.userLine = PromptTemplate.load("rewrite", promptVersion, "user-line.txt", SETTING, "content");
		this.assistantLine = PromptTemplate.load("rewrite", promptVersion, "assistant-line.txt", SETTING, "content");
	}

	/**
	 * Asks the model for the standalone question.
	 * @throws io.noterag.shared.chat.ChatUnavailableException when no model answers
	 */
	@Override
	public Rewritten rewrite(String question, List<ConversationContext.Message> history, Instant deadline) {
		if (history.isEmpty()) {
			return new Rewritten(question, false);
		}
		List<String> lines = new ArrayList<>();
		for (ConversationContext.Message message : history.subList(Math.max(0, history.size() - HISTORY_MESSAGES),
				history.size())) {
			if (message.content() == null || message.content().isBlank()) {
				continue;
			}
			String content = message.content().strip();
			if (content.length() > MAX_MESSAGE_CHARACTERS) {
				content = content.substring(0, MAX_MESSAGE_CHARACTERS) + "…";
			}
			PromptTemplate line = "user".equals(message.role()) ? this.userLine : this.assistantLine;
			lines.add(line.render(Map.of("content", content.replace('\n', ' '))).strip());
		}
		String prompt = this.user.render(Map.of("conversation", String.join("\n", lines), "question", question))
			.strip();
		ChatResult result = this.chat.complete(ChatRequest.of(this.system, prompt).withDeadline(deadline));
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

}
