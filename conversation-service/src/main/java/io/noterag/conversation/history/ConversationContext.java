package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recent history of a conversation to give a language model with the next question:
 * the last whole messages that fit both limits, oldest first.
 *
 * @param conversationId the conversation
 * @param title its title
 * @param messages the chosen messages, oldest first
 * @param totalTokens the sum of the messages' {@code tokens}
 * @param maxMessages the message limit applied
 * @param maxTokens the token limit applied
 * @param tokenizer the encoding the tokens were counted with
 * @param tokenFactor what the encoding's counts were multiplied by: {@code 1} when they
 * are the model's own counts, the configured safety factor when they estimate a tokenizer
 * that is not available
 * @param truncated whether older messages exist that did not fit
 */
public record ConversationContext(UUID conversationId, String title, List<ContextMessage> messages, int totalTokens,
		int maxMessages, int maxTokens, String tokenizer, BigDecimal tokenFactor, boolean truncated) {

	public ConversationContext {
		messages = List.copyOf(messages);
	}

	/**
	 * A message as context.
	 *
	 * @param id the message's id
	 * @param role {@code user}, {@code assistant} or {@code system}
	 * @param content the text
	 * @param timestamp when it was stored
	 * @param metadata what was recorded with it
	 * @param tokens what it takes of the budget: its content's tokens plus the configured
	 * tokens per message
	 */
	public record ContextMessage(UUID id, String role, String content, Instant timestamp, Map<String, Object> metadata,
			int tokens) {

	}

}
