package io.noterag.multimodal.persistence;

import tools.jackson.databind.json.JsonMapper;

import org.hibernate.cfg.MappingSettings;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

	@Bean
	HibernatePropertiesCustomizer jackson3JsonFormatMapper() {
		Jackson3JsonFormatMapper formatMapper = new Jackson3JsonFormatMapper(JsonMapper.builder().build());
		return (properties) -> properties.put(MappingSettings.JSON_FORMAT_MAPPER, formatMapper);
	}

}
