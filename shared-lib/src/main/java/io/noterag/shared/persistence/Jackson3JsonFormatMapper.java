package io.noterag.shared.persistence;

import java.lang.reflect.Type;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.hibernate.type.format.AbstractJsonFormatMapper;

/**
 * Hibernate's JSON format mapper on Jackson 3. It uses its own mapper with Jackson's
 * default naming, so that what is stored does not depend on how the web API names fields.
 */
public class Jackson3JsonFormatMapper extends AbstractJsonFormatMapper {

	private final JsonMapper mapper;

	public Jackson3JsonFormatMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected <T> T fromString(CharSequence charSequence, Type type) {
		JavaType javaType = this.mapper.getTypeFactory().constructType(type);
		return this.mapper.readValue(charSequence.toString(), javaType);
	}

	@Override
	protected <T> String toString(T value, Type type) {
		JavaType javaType = this.mapper.getTypeFactory().constructType(type);
		return this.mapper.writerFor(javaType).writeValueAsString(value);
	}

}
