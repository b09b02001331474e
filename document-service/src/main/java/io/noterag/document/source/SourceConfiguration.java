package io.noterag.document.source;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.source.AllowedRoots;

@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

	@Bean
	AllowedRoots filesystemAllowedRoots(SourceProperties properties) {
		return new AllowedRoots(properties.filesystem().allowedRoots());
	}

}
