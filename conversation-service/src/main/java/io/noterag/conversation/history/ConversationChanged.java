package io.noterag.conversation.history;

import java.util.UUID;

/**
 * A conversation got new messages, a new title or was deleted; published inside the
 * transaction that did it.
 *
 * @param conversationId the conversation
 */
public record ConversationChanged(UUID conversationId) {

}
