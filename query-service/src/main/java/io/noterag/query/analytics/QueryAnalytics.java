package io.noterag.query.analytics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.query.analytics.internal.QueryAnalyticsEntity;
import io.noterag.query.analytics.internal.QueryAnalyticsRepository;

import org.springframework.stereotype.Component;

/**
 * Keeps one {@code query_analytics} row per answered query. A failure here is logged and
 * never fails the answer it describes.
 */
@Component
public class QueryAnalytics {

	private static final Logger log = LoggerFactory.getLogger(QueryAnalytics.class);

	private final QueryAnalyticsRepository repository;

	private final JsonMapper json;

	QueryAnalytics(QueryAnalyticsRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json;
	}

	/**
	 * Records an answered query.
	 * @param query what to record
	 * @return whether the row was written
	 */
	public boolean record(QueryRecorded query) {
		try {
			QueryAnalyticsEntity entity = new QueryAnalyticsEntity(query.userId(), query.conversationId(),
					query.query(), query.technique(), (int) Math.min(query.latencyMs(), Integer.MAX_VALUE),
					query.tokensUsed(), query.costUsd(), query.documentsRetrieved(), query.timestamp(),
					this.json.writeValueAsString(query.metadata()));
			this.repository.save(entity);
			return true;
		}
		catch (RuntimeException ex) {
			log.error("Could not record the analytics of a query: {}", ex.toString());
			return false;
		}
	}

}
