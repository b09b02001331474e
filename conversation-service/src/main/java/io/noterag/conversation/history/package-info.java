/**
 * Conversations and their message history. Users list, read, create and delete their own
 * conversations through {@code /api/v2/conversations} (anyone else's answer 404);
 * query-service reads the recent messages of a conversation as context and stores each
 * question with its answer as one turn, in one transaction, through
 * {@code /internal/conversations}.
 */
package io.noterag.conversation.history;
