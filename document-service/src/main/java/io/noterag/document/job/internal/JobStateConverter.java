package io.noterag.document.job.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.noterag.document.job.JobState;

@Converter
class JobStateConverter implements AttributeConverter<JobState, String> {

	@Override
	public String convertToDatabaseColumn(JobState state) {
		return (state != null) ? state.value() : null;
	}

	@Override
	public JobState convertToEntityAttribute(String value) {
		return (value != null) ? JobState.of(value) : null;
	}

}
