/**
 * Persistence of query analytics: the {@code query_analytics} entity and its repository.
 */
package io.noterag.query.analytics.internal;
