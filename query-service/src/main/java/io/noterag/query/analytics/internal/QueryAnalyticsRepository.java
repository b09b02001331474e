package io.noterag.query.analytics.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** The {@code query_analytics} rows. */
public interface QueryAnalyticsRepository extends JpaRepository<QueryAnalyticsEntity, UUID> {

	List<QueryAnalyticsEntity> findByUserIdOrderByTimestampDesc(String userId);

}
