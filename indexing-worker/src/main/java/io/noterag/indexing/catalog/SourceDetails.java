package io.noterag.indexing.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data source as document-service describes it to the worker.
 *
 * @param id the source
 * @param type its type ({@code filesystem})
 * @param name its name
 * @param config its configuration ({@code path}, {@code tags}, ...)
 * @param ownerId who registered it
 * @param principals who may read what it indexes ({@code user:<id>},
 * {@code group:everyone})
 */
public record SourceDetails(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
		List<String> principals) {

	public SourceDetails {
		config = (config != null) ? config : Map.of();
		principals = (principals != null) ? List.copyOf(principals) : List.of();
	}

	/**
	 * A text setting of the configuration.
	 * @param key the setting
	 * @return its value, or {@code null}
	 */
	public String configText(String key) {
		Object value = this.config.get(key);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The configured tags: a list of strings, or one comma-separated string.
	 * @return the tags, trimmed, without blanks
	 */
	public List<String> tags() {
		Object value = this.config.get("tags");
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).map(String::strip).filter((tag) -> !tag.isEmpty()).toList();
		}
		if (value instanceof String text) {
			return java.util.Arrays.stream(text.split(",")).map(String::strip).filter((tag) -> !tag.isEmpty()).toList();
		}
		return List.of();
	}

}
