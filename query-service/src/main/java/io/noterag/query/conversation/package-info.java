/**
 * The client of conversation-service's internal API: checks that a conversation belongs
 * to the caller before answering in it, and stores each question with its answer (and the
 * answer's sources) in one call, which creates the conversation on the first question.
 */
package io.noterag.query.conversation;
