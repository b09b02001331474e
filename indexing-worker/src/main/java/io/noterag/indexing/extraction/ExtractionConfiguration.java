package io.noterag.indexing.extraction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExtractionProperties.class)
class ExtractionConfiguration {

	@Bean
	TikaExtractor tikaExtractor(ExtractionProperties properties) {
		return new TikaExtractor(properties.maxCharacters(), properties.timeout());
	}

}
