package io.noterag.query.title;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.conversation.ConversationClient;
import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.prompt.PromptTemplate;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatUnavailableException;
import io.noterag.shared.web.ApiException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;

/**
 * Asks the language model for a conversation's title after its first exchange, from the
 * versioned prompt {@code prompts/title/v<version>/} ({@code system.txt}, and
 * {@code user.txt} with the {@code {{question}}} and its {@code {{answer}}}), on a
 * background thread. A conversation is named this way when its first exchange starts it,
 * or when it was created empty and still bears the default title; one created with a
 * title of its own keeps it. At most {@code noterag.generation.titles.concurrency} titles
 * are written at once; beyond that, a conversation simply keeps the title made from its
 * question.
 */
public class ConversationTitles {

	static final String SETTING = "noterag.generation.titles.prompt-version";

	/** Longest title kept from the model; longer replies are not titles. */
	static final int MAX_TITLE = 80;

	private static final int MAX_ANSWER_CHARACTERS = 1500;

	private static final Logger log = LoggerFactory.getLogger(ConversationTitles.class);

	private final ChatGateway chat;

	private final ConversationClient conversations;

	private final String system;

	private final PromptTemplate user;

	private final String defaultTitle;

	private final Semaphore slots;

	private final Executor executor;

	public ConversationTitles(ObjectProvider<ChatGateway> chat, ConversationClient conversations,
			TitleProperties properties) {
		ChatGateway gateway = chat.getIfAvailable();
		this.chat = (properties.enabled() && gateway != null && gateway.configured()) ? gateway : null;
		this.conversations = conversations;
		this.system = PromptTemplate.load("title", properties.promptVersion(), "system.txt", SETTING).text().strip();
		this.user = PromptTemplate.load("title", properties.promptVersion(), "user.txt", SETTING, "question", "answer");
		this.defaultTitle = properties.defaultTitle().strip();
		this.slots = new Semaphore(properties.concurrency());
		this.executor = new SimpleAsyncTaskExecutorBuilder().virtualThreads(true)
			.threadNamePrefix("conversation-title-")
			.build();
	}

	/**
	 * Whether titles are written by a model.
	 * @return whether a model is configured and titles are enabled
	 */
	public boolean available() {
		return this.chat != null;
	}

	/**
	 * Whether the exchange about to be stored in a conversation is its first and the
	 * conversation bears the default title still, so that the model should name it after
	 * the exchange.
	 * @param context the conversation before the exchange
	 * @return {@code true} when it has no message yet and the default title
	 */
	public boolean untitled(ConversationContext context) {
		return context.messages().isEmpty() && !context.truncated() && context.title() != null
				&& context.title().strip().equals(this.defaultTitle);
	}

	/**
	 * Writes the title of a conversation that has just had its first exchange, in the
	 * background. Does nothing when no model is configured or too many titles are being
	 * written.
	 * @param conversationId the conversation
	 * @param userId its owner
	 * @param question its first question (after which it is named for now)
	 * @param answer the first answer
	 */
	public void afterFirstExchange(UUID conversationId, String userId, String question, String answer) {
		if (this.chat == null || !this.slots.tryAcquire()) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					name(conversationId, userId, question, answer);
				}
				finally {
					this.slots.release();
				}
			});
		}
		catch (RuntimeException ex) {
			this.slots.release();
			log.warn("Could not schedule a title for conversation {}: {}", conversationId, ex.toString());
		}
	}

	void name(UUID conversationId, String userId, String question, String answer) {
		String excerpt = (answer.length() > MAX_ANSWER_CHARACTERS) ? answer.substring(0, MAX_ANSWER_CHARACTERS) + "…"
				: answer;
		try {
			String prompt = this.user.render(Map.of("question", question.strip(), "answer", excerpt.strip())).strip();
			String reply = this.chat.complete(ChatRequest.of(this.system, prompt).withMaxOutputTokens(32)).text();
			String title = clean(reply);
			if (title == null) {
				log.info("The model's title for conversation {} was not usable; it keeps its question", conversationId);
				return;
			}
			this.conversations.retitle(conversationId, userId, title, question);
		}
		catch (ChatUnavailableException ex) {
			log.info("No model wrote a title for conversation {}: {}", conversationId, ex.failures());
		}
		catch (ApiException ex) {
			log.info("Conversation {} was not renamed: {}", conversationId, ex.getMessage());
		}
	}

	/**
	 * The model's reply as a title: its first line, without quotes, a label or a final
	 * full stop.
	 * @param reply the reply
	 * @return the title, or {@code null} when the reply is no title
	 */
	static String clean(String reply) {
		if (reply == null) {
			return null;
		}
		String title = reply.strip();
		int newline = title.indexOf('\n');
		if (newline >= 0) {
			title = title.substring(0, newline).strip();
		}
		if (title.toLowerCase(Locale.ROOT).startsWith("title:")) {
			title = title.substring(6).strip();
		}
		while (title.length() > 1 && "\"'“”‘’*`".indexOf(title.charAt(0)) >= 0
				&& "\"'“”‘’*`".indexOf(title.charAt(title.length() - 1)) >= 0) {
			title = title.substring(1, title.length() - 1).strip();
		}
		while (title.endsWith(".")) {
			title = title.substring(0, title.length() - 1).strip();
		}
		return (title.isEmpty() || title.length() > MAX_TITLE) ? null : title;
	}

}
