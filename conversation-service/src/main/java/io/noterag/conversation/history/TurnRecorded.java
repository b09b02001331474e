package io.noterag.conversation.history;

import java.util.UUID;

/**
 * Where a turn was stored.
 *
 * @param conversationId the conversation, new or continued
 * @param userMessageId the question's message
 * @param assistantMessageId the answer's message
 */
public record TurnRecorded(UUID conversationId, UUID userMessageId, UUID assistantMessageId) {

}
