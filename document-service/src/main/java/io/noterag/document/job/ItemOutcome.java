package io.noterag.document.job;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one item of a sync job. */
public enum ItemOutcome {

	/** (Re-)indexed. */
	INDEXED("indexed"),
	/** Its content had not changed since it was last indexed. */
	SKIPPED_UNCHANGED("skipped_unchanged"),
	/** Gone from the source, removed from the index. */
	DELETED("deleted"),
	/** Its last attempt failed. */
	FAILED("failed");

	private final String value;

	ItemOutcome(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	public static ItemOutcome of(String value) {
		return Arrays.stream(values())
			.filter((outcome) -> outcome.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown item outcome '" + value + "'"));
	}

}
