/**
 * Conversations and their message history. Users list, read, create and delete their own
 * conversations through {@code /api/v2/conversations} (anyone else's answer 404); a
 * conversation created without a title is named on its first exchange. query-service
 * stores each question with its answer as one turn, in one transaction, and reads the
 * context of the next turn: the last whole messages within a number of messages and a
 * token budget counted for the model that will read them (OpenAI models exactly, other
 * families estimated), cached in Redis until the conversation changes, through
 * {@code /internal/conversations}.
 */
package io.noterag.conversation.history;
