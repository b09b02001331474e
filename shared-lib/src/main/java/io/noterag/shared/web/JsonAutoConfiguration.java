package io.noterag.shared.web;

import tools.jackson.databind.PropertyNamingStrategies;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The public API and every message speak snake_case JSON, as the specification does.
 */
@AutoConfiguration
public class JsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer snakeCaseJson() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

}
