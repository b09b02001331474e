package io.noterag.indexing.plugin.databricks;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.plugin.DataSourcePlugin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabricksProperties.class)
class DatabricksConfiguration {

	@Bean
	DataSourcePlugin<DatabricksConfig> databricksDataSource(DatabricksProperties properties) {
		return new DatabricksDataSource(properties, Clock.systemUTC());
	}

}
