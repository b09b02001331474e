package io.noterag.document.source;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a data source can be synced, as last seen. */
public enum SourceStatus {

	/** Nothing known to be wrong. */
	OK("ok"),

	/**
	 * An administrator must connect the account again (consent revoked, refresh token
	 * expired, never connected); scheduled syncs skip it.
	 */
	NEEDS_RECONNECT("needs_reconnect"),

	/** The last attempt failed for another reason (see the status error). */
	ERROR("error");

	private final String value;

	SourceStatus(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The status of a value.
	 * @param value {@code ok}, {@code needs_reconnect} or {@code error}
	 * @return the status
	 * @throws IllegalArgumentException for another value
	 */
	public static SourceStatus of(String value) {
		return Arrays.stream(values())
			.filter((status) -> status.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown source status '" + value + "'"));
	}

}
