package io.noterag.conversation.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recent history of a conversation, oldest first, for rewriting a follow-up question.
 *
 * @param conversationId the conversation
 * @param title its title
 * @param messages its last messages in order
 */
public record ConversationContext(UUID conversationId, String title, List<ContextMessage> messages) {

	/**
	 * A message as context.
	 *
	 * @param role {@code user}, {@code assistant} or {@code system}
	 * @param content the text
	 * @param timestamp when it was stored
	 * @param metadata what was recorded with it
	 */
	public record ContextMessage(String role, String content, Instant timestamp, Map<String, Object> metadata) {

	}

}
