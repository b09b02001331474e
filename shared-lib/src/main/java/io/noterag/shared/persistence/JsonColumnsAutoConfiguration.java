package io.noterag.shared.persistence;

import tools.jackson.databind.json.JsonMapper;

import org.hibernate.cfg.MappingSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Maps JSON columns ({@code jsonb}) of every JPA service with Jackson 3 and Jackson's own
 * naming, so that what is stored does not change with the web API's snake_case.
 */
@AutoConfiguration
@ConditionalOnClass({ MappingSettings.class, HibernatePropertiesCustomizer.class })
public class JsonColumnsAutoConfiguration {

	@Bean
	HibernatePropertiesCustomizer jackson3JsonFormatMapper() {
		Jackson3JsonFormatMapper formatMapper = new Jackson3JsonFormatMapper(JsonMapper.builder().build());
		return (properties) -> properties.put(MappingSettings.JSON_FORMAT_MAPPER, formatMapper);
	}

}
