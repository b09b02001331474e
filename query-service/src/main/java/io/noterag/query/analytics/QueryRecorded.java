package io.noterag.query.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A query that was answered, as analytics keeps it.
 *
 * @param userId the caller ({@code sub} of the token)
 * @param conversationId the conversation the answer was stored in
 * @param query the question
 * @param technique the retrieval technique
 * @param latencyMs how long answering took
 * @param tokensUsed language model tokens spent (0 for the extractive generator)
 * @param costUsd what it cost
 * @param documentsRetrieved distinct documents among the retrieved chunks
 * @param timestamp when it was answered
 * @param metadata other facts (generator, model, counts, request id)
 */
public record QueryRecorded(String userId, UUID conversationId, String query, String technique, long latencyMs,
		int tokensUsed, BigDecimal costUsd, int documentsRetrieved, Instant timestamp, Map<String, Object> metadata) {
}
