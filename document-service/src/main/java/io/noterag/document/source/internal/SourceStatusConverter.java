package io.noterag.document.source.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.noterag.document.source.SourceStatus;

@Converter
class SourceStatusConverter implements AttributeConverter<SourceStatus, String> {

	@Override
	public String convertToDatabaseColumn(SourceStatus status) {
		return (status != null) ? status.value() : null;
	}

	@Override
	public SourceStatus convertToEntityAttribute(String value) {
		return (value != null) ? SourceStatus.of(value) : null;
	}

}
