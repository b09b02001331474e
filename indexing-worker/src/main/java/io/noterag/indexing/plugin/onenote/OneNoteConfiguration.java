package io.noterag.indexing.plugin.onenote;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.indexing.plugin.microsoft.GraphClient;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;

/** Registers the OneNote data source plugin. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OneNoteProperties.class)
class OneNoteConfiguration {

	@Bean
	OneNoteDataSource oneNoteDataSource(GraphClient graph, MicrosoftTokens tokens, OneNoteProperties properties) {
		return new OneNoteDataSource(graph, tokens, properties);
	}

}
