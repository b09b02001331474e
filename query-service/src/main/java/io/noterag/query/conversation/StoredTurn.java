package io.noterag.query.conversation;

import java.util.UUID;

/**
 * Where a turn was stored.
 *
 * @param conversationId the conversation (new when none was given)
 * @param userMessageId the question's message
 * @param assistantMessageId the answer's message
 */
public record StoredTurn(UUID conversationId, UUID userMessageId, UUID assistantMessageId) {
}
