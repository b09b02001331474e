package io.noterag.conversation.history.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of a user's conversation list, read in one query with its message count. */
public record ConversationSummaryRow(UUID id, String title, Instant createdAt, Instant updatedAt,
		Map<String, Object> metadata, long messageCount) {

}
