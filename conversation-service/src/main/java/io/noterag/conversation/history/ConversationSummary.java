package io.noterag.conversation.history;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A line of a user's conversation list.
 *
 * @param id the conversation's id
 * @param userId its owner
 * @param title its title
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param metadata what is recorded with it
 * @param messageCount how many messages it holds
 */
public record ConversationSummary(UUID id, UUID userId, String title, Instant createdAt, Instant updatedAt,
		Map<String, Object> metadata, long messageCount) {

}
