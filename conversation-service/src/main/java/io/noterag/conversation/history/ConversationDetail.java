package io.noterag.conversation.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation with its full history, oldest message first.
 *
 * @param id the conversation's id
 * @param userId its owner
 * @param title its title
 * @param createdAt when it was created
 * @param updatedAt when it last changed (its last turn)
 * @param metadata what is recorded with it
 * @param messages its messages in order
 */
public record ConversationDetail(UUID id, UUID userId, String title, Instant createdAt, Instant updatedAt,
		Map<String, Object> metadata, List<Message> messages) {

}
