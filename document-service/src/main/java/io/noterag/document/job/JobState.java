package io.noterag.document.job;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** The life of a sync job. */
public enum JobState {

	QUEUED("queued"), RUNNING("running"), SUCCEEDED("succeeded"), COMPLETED_WITH_ERRORS("completed_with_errors"),
	FAILED("failed");

	private final String value;

	JobState(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	public boolean isFinished() {
		return this != QUEUED && this != RUNNING;
	}

	public static JobState of(String value) {
		return Arrays.stream(values())
			.filter((state) -> state.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown job state '" + value + "'"));
	}

}
