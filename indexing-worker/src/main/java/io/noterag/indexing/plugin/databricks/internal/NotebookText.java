package io.noterag.indexing.plugin.databricks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an exported notebook ({@code SOURCE} format) as Markdown: a heading with the
 * notebook's name, a line with its path and language, then its cells in order. Markdown
 * cells ({@code %md}) stay Markdown; code cells become fenced code in their language
 * ({@code %sql} or {@code %scala} cells in their own). The export's first line
 * ({@code # Databricks notebook source}), cell separators ({@code # COMMAND ----------})
 * and {@code MAGIC} prefixes are read, not kept.
 */
public final class NotebookText {

	private static final Pattern MAGIC_COMMAND = Pattern.compile("^%([A-Za-z]+)\\b[ \\t]*(.*)$", Pattern.DOTALL);

	private NotebookText() {
	}

	/**
	 * The Markdown of a notebook.
	 * @param name its name (the last part of its path)
	 * @param path its workspace path
	 * @param language its language ({@code PYTHON}, {@code SCALA}, {@code SQL},
	 * {@code R}), or {@code null}
	 * @param source the exported source
	 * @return the Markdown
	 */
	public static String markdown(String name, String path, String language, String source) {
		String lang = (language != null) ? language.toUpperCase(Locale.ROOT) : "PYTHON";
		String comment = switch (lang) {
			case "SCALA" -> "//";
			case "SQL" -> "--";
			default -> "#";
		};
		StringBuilder text = new StringBuilder();
		text.append("# ").append(name).append("\n\n");
		text.append("Databricks notebook `")
			.append(path)
			.append("`, written in ")
			.append(displayName(lang))
			.append(".\n");
		for (String cell : cells(source.replace("\r\n", "\n").replace('\r', '\n'), comment)) {
			appendCell(text, cell, comment, fenceLanguage(lang));
		}
		return text.toString();
	}

	private static List<String> cells(String source, String comment) {
		String[] lines = source.split("\n", -1);
		String header = comment + " Databricks notebook source";
		String separator = comment + " COMMAND ----------";
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (i == 0 && line.strip().equals(header)) {
				continue;
			}
			if (line.strip().equals(separator)) {
				cells.add(cell.toString());
				cell.setLength(0);
				continue;
			}
			cell.append(line).append('\n');
		}
		cells.add(cell.toString());
		return cells;
	}

	private static void appendCell(StringBuilder text, String cell, String comment, String language) {
		String body = cell.strip();
		if (body.isEmpty()) {
			return;
		}
		String magicPrefix = comment + " MAGIC";
		if (body.startsWith(magicPrefix)) {
			StringBuilder unwrapped = new StringBuilder();
			for (String line : body.split("\n", -1)) {
				if (line.startsWith(magicPrefix + " ")) {
					unwrapped.append(line.substring(magicPrefix.length() + 1));
				}
				else if (line.startsWith(magicPrefix)) {
					unwrapped.append(line.substring(magicPrefix.length()));
				}
				else {
					unwrapped.append(line);
				}
				unwrapped.append('\n');
			}
			Matcher magic = MAGIC_COMMAND.matcher(unwrapped.toString().strip());
			if (magic.matches()) {
				String command = magic.group(1).toLowerCase(Locale.ROOT);
				String rest = magic.group(2).strip();
				if (command.equals("md") || command.equals("markdown")) {
					if (!rest.isEmpty()) {
						text.append('\n').append(rest).append('\n');
					}
					return;
				}
				fence(text, rest, switch (command) {
					case "python", "py" -> "python";
					case "sh" -> "sh";
					case "run" -> "text";
					default -> command;
				}, command.equals("run") ? "%run " : "");
				return;
			}
			fence(text, unwrapped.toString().strip(), language, "");
			return;
		}
		fence(text, body, language, "");
	}

	private static void fence(StringBuilder text, String code, String language, String prefix) {
		if (code.isEmpty()) {
			return;
		}
		int longest = 0;
		Matcher ticks = Pattern.compile("`+").matcher(code);
		while (ticks.find()) {
			longest = Math.max(longest, ticks.group().length());
		}
		String fence = "`".repeat(Math.max(3, longest + 1));
		text.append('\n')
			.append(fence)
			.append(language)
			.append('\n')
			.append(prefix)
			.append(code)
			.append('\n')
			.append(fence)
			.append('\n');
	}

	private static String fenceLanguage(String language) {
		return switch (language) {
			case "SCALA" -> "scala";
			case "SQL" -> "sql";
			case "R" -> "r";
			default -> "python";
		};
	}

	private static String displayName(String language) {
		return switch (language) {
			case "SCALA" -> "Scala";
			case "SQL" -> "SQL";
			case "R" -> "R";
			default -> "Python";
		};
	}

	/**
	 * The language of an export's file type.
	 * @param fileType {@code py}, {@code scala}, {@code sql} or {@code r}
	 * @return the language, or {@code null}
	 */
	public static String languageOfFileType(String fileType) {
		if (fileType == null) {
			return null;
		}
		return switch (fileType.toLowerCase(Locale.ROOT)) {
			case "py", "ipynb" -> "PYTHON";
			case "scala" -> "SCALA";
			case "sql" -> "SQL";
			case "r" -> "R";
			default -> null;
		};
	}

}
