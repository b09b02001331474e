package io.noterag.shared.vector.qdrant;

import java.time.Instant;
import java.util.List;

import io.noterag.shared.vector.SearchFilter;
import io.qdrant.client.grpc.Points.Condition;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.Range;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.range;

/**
 * How a {@link SearchFilter} becomes a Qdrant {@link Filter}: each restriction is one
 * {@code must} condition, a list is "any of" ({@code match.keywords}), so that the filter
 * keeps exactly what the Lucene adapter's filter keeps.
 */
final class QdrantFilters {

	private QdrantFilters() {
	}

	/**
	 * Whether the filter can match nothing at all (no principal), so that no request
	 * needs to be made.
	 * @param filter the search filter
	 * @return {@code true} when nothing may be returned
	 */
	static boolean matchesNothing(SearchFilter filter) {
		return !filter.readsAll() && filter.principals().isEmpty();
	}

	/**
	 * The filter as Qdrant conditions, all of which must hold.
	 * @param filter the search filter, which must not {@link #matchesNothing match
	 * nothing}
	 * @return the filter (without conditions when it restricts nothing)
	 */
	static Filter.Builder toFilter(SearchFilter filter) {
		Filter.Builder builder = Filter.newBuilder();
		if (!filter.readsAll()) {
			builder.addMust(matchKeywords(QdrantPayload.PRINCIPALS, filter.principals()));
		}
		addAnyOf(builder, QdrantPayload.SOURCE_TYPE, filter.sourceTypes());
		addAnyOf(builder, QdrantPayload.TAGS, filter.tags());
		addAnyOf(builder, QdrantPayload.DOCUMENT_ID, filter.documentIds());
		addAnyOf(builder, QdrantPayload.DATA_SOURCE_ID, filter.dataSourceIds());
		if (filter.modifiedFrom() != null) {
			builder.addMust(atOrAfter(filter.modifiedFrom()));
		}
		if (filter.modifiedTo() != null) {
			builder.addMust(atOrBefore(filter.modifiedTo()));
		}
		return builder;
	}

	/**
	 * {@code modified_at >= from} at nanosecond precision, over the two integer fields
	 * {@code modified_at_s} (epoch seconds) and {@code modified_at_ns} (nanoseconds of
	 * that second): Qdrant's range bounds are doubles and its datetime index keeps
	 * microseconds, neither of which is exact for nanosecond timestamps.
	 */
	static Condition atOrAfter(Instant from) {
		if (from.getNano() == 0) {
			return range(QdrantPayload.MODIFIED_AT_SECONDS, Range.newBuilder().setGte(from.getEpochSecond()).build());
		}
		return filter(Filter.newBuilder()
			.addShould(
					range(QdrantPayload.MODIFIED_AT_SECONDS, Range.newBuilder().setGt(from.getEpochSecond()).build()))
			.addShould(filter(Filter.newBuilder()
				.addMust(match(QdrantPayload.MODIFIED_AT_SECONDS, from.getEpochSecond()))
				.addMust(range(QdrantPayload.MODIFIED_AT_NANOS, Range.newBuilder().setGte(from.getNano()).build()))
				.build()))
			.build());
	}

	/** {@code modified_at <= to} at nanosecond precision (see {@link #atOrAfter}). */
	static Condition atOrBefore(Instant to) {
		return filter(Filter.newBuilder()
			.addShould(range(QdrantPayload.MODIFIED_AT_SECONDS, Range.newBuilder().setLt(to.getEpochSecond()).build()))
			.addShould(filter(Filter.newBuilder()
				.addMust(match(QdrantPayload.MODIFIED_AT_SECONDS, to.getEpochSecond()))
				.addMust(range(QdrantPayload.MODIFIED_AT_NANOS, Range.newBuilder().setLte(to.getNano()).build()))
				.build()))
			.build());
	}

	private static void addAnyOf(Filter.Builder builder, String field, List<String> values) {
		if (!values.isEmpty()) {
			builder.addMust(matchKeywords(field, values));
		}
	}

}
