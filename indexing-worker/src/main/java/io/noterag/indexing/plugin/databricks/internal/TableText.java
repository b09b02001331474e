package io.noterag.indexing.plugin.databricks.internal;

import java.util.Locale;

import io.noterag.indexing.plugin.databricks.internal.TableCatalog.TableColumn;
import io.noterag.indexing.plugin.databricks.internal.TableCatalog.TableDescription;

/**
 * Writes a table as Markdown that reads well and embeds well: a heading with its
 * three-part name, a sentence with its type, catalog and schema, its comment, then one
 * line per column in ordinal order with the column's type, whether it is required, and
 * its comment.
 */
public final class TableText {

	private TableText() {
	}

	/**
	 * The Markdown of a table.
	 * @param table the table with its columns
	 * @return the Markdown
	 */
	public static String markdown(TableDescription table) {
		StringBuilder text = new StringBuilder();
		text.append("# Table: ").append(table.fullName()).append("\n\n");
		text.append(kind(table.tableType()))
			.append(" `")
			.append(table.name())
			.append("` in schema `")
			.append(table.schema())
			.append("` of catalog `")
			.append(table.catalog())
			.append("`, with ")
			.append(table.columns().size())
			.append((table.columns().size() == 1) ? " column.\n" : " columns.\n");
		if (table.comment() != null && !table.comment().isBlank()) {
			text.append('\n').append(table.comment().strip()).append('\n');
		}
		text.append("\n## Columns\n\n");
		for (TableColumn column : table.columns()) {
			text.append("- Column `")
				.append(column.name())
				.append("`, type ")
				.append(column.type())
				.append(column.nullable() ? "" : ", required");
			if (column.comment() != null && !column.comment().isBlank()) {
				text.append(": ").append(column.comment().strip().replaceAll("\\s*\\R\\s*", " "));
			}
			else {
				text.append(" (no comment)");
			}
			text.append('\n');
		}
		return text.toString();
	}

	private static String kind(String tableType) {
		if (tableType == null || tableType.isBlank()) {
			return "Table";
		}
		String type = tableType.toUpperCase(Locale.ROOT);
		return switch (type) {
			case "VIEW" -> "View";
			case "MATERIALIZED_VIEW" -> "Materialized view";
			case "STREAMING_TABLE" -> "Streaming table";
			case "MANAGED", "BASE TABLE" -> "Managed table";
			case "EXTERNAL" -> "External table";
			case "FOREIGN" -> "Foreign table";
			default -> type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ') + " table";
		};
	}

}
