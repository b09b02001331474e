package io.noterag.indexing.plugin.microsoft;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Graph client and token provider shared by the OneNote and SharePoint sources,
 * configured by {@code noterag.sources.microsoft.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MicrosoftGraphProperties.class)
class MicrosoftGraphConfiguration {

	@Bean
	GraphClient graphClient(MicrosoftGraphProperties properties) {
		return new GraphClient(properties);
	}

	@Bean
	MicrosoftTokens microsoftTokens(MicrosoftGraphProperties properties) {
		return new MicrosoftTokens(properties);
	}

}
