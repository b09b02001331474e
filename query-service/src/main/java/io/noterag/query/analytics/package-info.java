/**
 * Query analytics: one row per answered query in the service's own {@code analytics}
 * schema (who asked, technique, latency, tokens, cost, documents retrieved), the source
 * of per-user figures that metrics deliberately do not carry; and their daily aggregation
 * into {@code query_analytics_daily}, run once per cluster on a schedule.
 */
package io.noterag.query.analytics;
