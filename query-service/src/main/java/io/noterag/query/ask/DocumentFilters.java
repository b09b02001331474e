package io.noterag.query.ask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * What a query searches in; every field is optional and they all apply together.
 *
 * @param sourceTypes data source types to keep
 * @param tags tags of which a document must carry at least one
 * @param dateRange modification dates to keep
 * @param selectedFiles document ids to keep
 * @param unknown fields the request sent that filters do not have; any makes the request
 * invalid (a misspelt filter must not silently widen the search)
 */
public record DocumentFilters(List<String> sourceTypes, List<String> tags, DateRange dateRange,
		List<String> selectedFiles, @JsonAnySetter Map<String, Object> unknown) {

	/** The fields a filter may have, as written in JSON. */
	public static final List<String> FIELDS = List.of("source_types", "tags", "date_range", "selected_files");

	public DocumentFilters {
		unknown = (unknown != null) ? new LinkedHashMap<>(unknown) : Map.of();
	}

	/**
	 * A range of modification dates, both ends inclusive.
	 *
	 * @param from ISO date ({@code 2024-05-01}) or date-time with offset, may be absent
	 * @param to ISO date or date-time with offset, may be absent
	 * @param unknown fields that a date range does not have
	 */
	public record DateRange(String from, String to, @JsonAnySetter Map<String, Object> unknown) {

		/** The fields a date range may have. */
		public static final List<String> FIELDS = List.of("from", "to");

		public DateRange {
			unknown = (unknown != null) ? new LinkedHashMap<>(unknown) : Map.of();
		}

	}

}
