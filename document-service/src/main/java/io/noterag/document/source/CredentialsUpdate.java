package io.noterag.document.source;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

/**
 * Credentials the indexing worker changed (a rotated refresh token), merged by name; a
 * {@code null} value removes one.
 *
 * @param credentials the changed secrets by name
 */
public record CredentialsUpdate(@NotNull Map<String, Object> credentials) {

	@Override
	public String toString() {
		return "CredentialsUpdate[credentials=" + ((this.credentials != null) ? this.credentials.keySet() : "[]") + "]";
	}

}
