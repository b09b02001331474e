package io.noterag.indexing.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data source as document-service describes it to the worker.
 *
 * @param id the source
 * @param type its type ({@code filesystem}, {@code onenote}, ...)
 * @param name its name
 * @param config its configuration ({@code path}, {@code tags}, ...)
 * @param ownerId who registered it
 * @param principals who may read what it indexes ({@code user:<id>},
 * {@code group:everyone})
 * @param credentials its secrets, decrypted; never logged (empty when it has none or
 * document-service does not send them)
 * @param cursor what the last completed sync left for the next one, or {@code null}
 * @param lastSyncedAt when the last completed sync started, or {@code null}
 * @param status its health ({@code ok}, {@code needs_reconnect}, {@code error}), or
 * {@code null} when unknown
 */
public record SourceDetails(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
		List<String> principals, Map<String, String> credentials, String cursor, Instant lastSyncedAt, String status) {

	public SourceDetails {
		config = (config != null) ? config : Map.of();
		principals = (principals != null) ? List.copyOf(principals) : List.of();
		credentials = (credentials != null) ? Map.copyOf(credentials) : Map.of();
	}

	/**
	 * A source without credentials, cursor or sync history.
	 * @param id the source
	 * @param type its type
	 * @param name its name
	 * @param config its configuration
	 * @param ownerId who registered it
	 * @param principals who may read what it indexes
	 */
	public SourceDetails(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
			List<String> principals) {
		this(id, type, name, config, ownerId, principals, Map.of(), null, null, null);
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

	@Override
	public String toString() {
		return "SourceDetails[id=" + this.id + ", type=" + this.type + ", name=" + this.name + ", credentials="
				+ this.credentials.keySet() + ", status=" + this.status + "]";
	}

}
