package io.noterag.query.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The answered queries of one UTC day.
 *
 * @param day the day
 * @param queries how many
 * @param distinctUsers asked by how many callers
 * @param p50LatencyMs median answer time
 * @param p95LatencyMs 95th percentile of answer time
 * @param avgLatencyMs mean answer time
 * @param degraded answered without the language model that was configured
 * @param notFound answered that the notes do not say
 * @param tokensUsed language model tokens spent
 * @param costUsd what they cost
 * @param avgDocumentsRetrieved documents retrieved per query, on average
 * @param byTechnique queries per retrieval technique
 * @param aggregatedAt when these figures were computed
 */
public record DailyQueryFigures(LocalDate day, int queries, int distinctUsers, Integer p50LatencyMs,
		Integer p95LatencyMs, Integer avgLatencyMs, int degraded, int notFound, long tokensUsed, BigDecimal costUsd,
		BigDecimal avgDocumentsRetrieved, Map<String, Integer> byTechnique, Instant aggregatedAt) {

}
