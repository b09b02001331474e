package io.noterag.query.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation as conversation-service hands it to this service: its recent messages.
 *
 * @param conversationId the conversation
 * @param title its title
 * @param messages recent messages, oldest first
 * @param truncated whether older messages exist that did not fit the limits asked for
 */
public record ConversationContext(UUID conversationId, String title, List<Message> messages, Boolean truncated) {

	public ConversationContext {
		messages = (messages != null) ? List.copyOf(messages) : List.of();
		truncated = Boolean.TRUE.equals(truncated);
	}

	/**
	 * One message.
	 *
	 * @param role {@code user} or {@code assistant}
	 * @param content the text
	 * @param timestamp when it was written, as sent
	 * @param metadata what was stored with it
	 */
	public record Message(String role, String content, String timestamp, Map<String, Object> metadata) {
	}

}
