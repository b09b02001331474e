package io.noterag.shared.vector;

import java.time.Instant;
import java.util.List;

/**
 * What a search may return. Empty lists and {@code null} bounds do not restrict; the
 * principals always do.
 *
 * @param principals the caller's principals; a chunk matches when it names any of them.
 * {@code "*"} (admins and services) matches every chunk
 * @param sourceTypes data source types to keep
 * @param tags tags of which a chunk must carry at least one
 * @param modifiedFrom earliest modification time, inclusive
 * @param modifiedTo latest modification time, inclusive
 * @param documentIds documents to keep (the user's selected files)
 * @param dataSourceIds data sources to keep
 */
public record SearchFilter(List<String> principals, List<String> sourceTypes, List<String> tags, Instant modifiedFrom,
		Instant modifiedTo, List<String> documentIds, List<String> dataSourceIds) {

	/** The principal that reads everything. */
	public static final String ALL = "*";

	public SearchFilter {
		principals = (principals != null) ? List.copyOf(principals) : List.of();
		sourceTypes = (sourceTypes != null) ? List.copyOf(sourceTypes) : List.of();
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		documentIds = (documentIds != null) ? List.copyOf(documentIds) : List.of();
		dataSourceIds = (dataSourceIds != null) ? List.copyOf(dataSourceIds) : List.of();
	}

	public static SearchFilter forPrincipals(List<String> principals) {
		return new SearchFilter(principals, null, null, null, null, null, null);
	}

	public boolean readsAll() {
		return this.principals.contains(ALL);
	}

}
