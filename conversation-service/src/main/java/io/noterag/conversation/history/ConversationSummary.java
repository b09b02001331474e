package io.noterag.conversation.history;

import java.time.Instant;
import java.util.UUID;

/**
 * A line of a user's conversation list.
 *
 * @param id the conversation's id
 * @param title its title
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param messageCount how many messages it holds
 */
public record ConversationSummary(UUID id, String title, Instant createdAt, Instant updatedAt, long messageCount) {

}
