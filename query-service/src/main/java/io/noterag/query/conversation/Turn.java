package io.noterag.query.conversation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * A question and its answer to store in a conversation, as conversation-service takes it.
 *
 * @param conversationId the conversation, {@code null} to start a new one
 * @param userId the asking user
 * @param question the question
 * @param answer the answer
 * @param userMetadata stored with the question
 * @param assistantMetadata stored with the answer (sources, technique, ...)
 * @param tokensUsed language model tokens spent on the answer
 * @param costUsd what the answer cost
 */
public record Turn(UUID conversationId, String userId, String question, String answer, Map<String, Object> userMetadata,
		Map<String, Object> assistantMetadata, Integer tokensUsed, BigDecimal costUsd) {
}
