package io.noterag.document.source;

import java.util.Map;

import jakarta.validation.constraints.Size;

/**
 * Changes to a data source; an absent field is left as it is.
 *
 * @param name a new display name
 * @param config the whole new configuration (checked again like at registration); the
 * next sync then lists everything
 * @param credentials secrets to merge by name: a value replaces or adds one, {@code null}
 * removes one, names not given are kept
 * @param syncEnabled whether the hourly incremental sync includes the source
 */
public record UpdateSourceRequest(@Size(min = 1, max = 255) String name, Map<String, Object> config,
		Map<String, Object> credentials, Boolean syncEnabled) {

	@Override
	public String toString() {
		return "UpdateSourceRequest[name=" + this.name + ", credentials="
				+ ((this.credentials != null) ? this.credentials.keySet() : "[]") + ", syncEnabled=" + this.syncEnabled
				+ "]";
	}

}
