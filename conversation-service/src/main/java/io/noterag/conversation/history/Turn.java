package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A question and its answer, to be stored as two messages of a conversation.
 *
 * @param conversationId the conversation to continue, or {@code null} to start one
 * @param userId the user who asked
 * @param question the question
 * @param answer the answer
 * @param userMetadata recorded with the question
 * @param assistantMetadata recorded with the answer (sources, technique, latency...)
 * @param tokensUsed tokens spent on the answer, when known
 * @param costUsd cost of the answer in US dollars, when known (kept to six decimals)
 */
public record Turn(UUID conversationId, @NotNull UUID userId,
		@NotBlank @Size(max = ConversationService.MAX_CONTENT_LENGTH) String question,
		@NotNull @Size(max = ConversationService.MAX_CONTENT_LENGTH) String answer, Map<String, Object> userMetadata,
		Map<String, Object> assistantMetadata, @PositiveOrZero Integer tokensUsed,
		@DecimalMin("0") @DecimalMax("9999.999999") BigDecimal costUsd) {

}
