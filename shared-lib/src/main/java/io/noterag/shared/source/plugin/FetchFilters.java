package io.noterag.shared.source.plugin;

import java.util.Map;

/**
 * Optional narrowing of a listing, e.g. {@code notebook_ids} for OneNote. A plugin
 * ignores names it does not know.
 *
 * @param values filter name to value
 */
public record FetchFilters(Map<String, Object> values) {

	/** No narrowing. */
	public static final FetchFilters NONE = new FetchFilters(Map.of());

	public FetchFilters {
		values = (values != null) ? Map.copyOf(values) : Map.of();
	}

}
