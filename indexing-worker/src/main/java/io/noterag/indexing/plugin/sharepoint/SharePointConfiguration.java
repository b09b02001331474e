package io.noterag.indexing.plugin.sharepoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.indexing.plugin.microsoft.GraphClient;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;

/** Registers the SharePoint data source plugin. */
@Configuration(proxyBeanMethods = false)
class SharePointConfiguration {

	@Bean
	SharePointDataSource sharePointDataSource(GraphClient graph, MicrosoftTokens tokens) {
		return new SharePointDataSource(graph, tokens);
	}

}
