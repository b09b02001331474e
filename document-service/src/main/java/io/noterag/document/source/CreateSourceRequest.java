package io.noterag.document.source;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A data source to register.
 *
 * @param type one of the supported source types
 * @param name a display name; derived from the configuration when absent
 * @param config the type's settings; for {@code filesystem}: {@code path} (absolute, in
 * an allowed root), optionally {@code private} (only the owner may read) and
 * {@code principals} (more readers, e.g. {@code group:finance}); for the other types the
 * fields of their configuration records
 * @param credentials the type's secrets by name (strings), stored encrypted and never
 * shown again; none for {@code filesystem} and {@code onenote}
 * @param syncEnabled whether the hourly incremental sync includes the source, and whether
 * its first sync is queued now; true when absent
 */
public record CreateSourceRequest(@NotBlank @Size(max = 50) String type, @Size(max = 255) String name,
		@NotNull Map<String, Object> config, Map<String, Object> credentials, Boolean syncEnabled) {

	/**
	 * A source without credentials that syncs.
	 * @param type its type
	 * @param name its name
	 * @param config its settings
	 */
	public CreateSourceRequest(String type, String name, Map<String, Object> config) {
		this(type, name, config, null, null);
	}

	@Override
	public String toString() {
		return "CreateSourceRequest[type=" + this.type + ", name=" + this.name + ", credentials="
				+ ((this.credentials != null) ? this.credentials.keySet() : "[]") + ", syncEnabled=" + this.syncEnabled
				+ "]";
	}

}
