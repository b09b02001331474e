package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message of a conversation as the public API shows it.
 *
 * @param id the message's id
 * @param conversationId the conversation it belongs to
 * @param role {@code user}, {@code assistant} or {@code system}
 * @param content the text
 * @param timestamp when it was stored
 * @param metadata what the query service recorded with it (sources, technique...)
 * @param tokensUsed tokens spent on it, when known
 * @param costUsd its cost in US dollars, when known
 */
public record Message(UUID id, UUID conversationId, String role, String content, Instant timestamp,
		Map<String, Object> metadata, Integer tokensUsed, BigDecimal costUsd) {

}
