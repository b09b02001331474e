package io.noterag.indexing.plugin.databricks.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a finished statement, every value as Databricks formats it in
 * {@code JSON_ARRAY} (a string, or {@code null}).
 *
 * @param columns the column names, in order
 * @param rows the rows
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {

	public QueryResult {
		columns = List.copyOf(columns);
		rows = List.copyOf(rows);
	}

	/**
	 * The rows as name-to-value maps (names in lower case).
	 * @return the rows
	 */
	public List<Row> named() {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < this.columns.size(); i++) {
			index.putIfAbsent(this.columns.get(i).toLowerCase(Locale.ROOT), i);
		}
		List<Row> named = new ArrayList<>(this.rows.size());
		for (List<String> row : this.rows) {
			named.add(new Row(index, row));
		}
		return named;
	}

	/** One row, read by column name. */
	public static final class Row {

		private final Map<String, Integer> index;

		private final List<String> values;

		Row(Map<String, Integer> index, List<String> values) {
			this.index = index;
			this.values = values;
		}

		/**
		 * A value.
		 * @param column the column name
		 * @return its value, or {@code null} (also when the column is absent)
		 */
		public String get(String column) {
			Integer i = this.index.get(column.toLowerCase(Locale.ROOT));
			return (i != null && i < this.values.size()) ? this.values.get(i) : null;
		}

	}

}
