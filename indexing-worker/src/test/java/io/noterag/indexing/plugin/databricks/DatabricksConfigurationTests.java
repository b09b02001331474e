package io.noterag.indexing.plugin.databricks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.plugin.DataSourcePlugin;

import static org.assertj.core.api.Assertions.assertThat;

class DatabricksConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(DatabricksConfiguration.class);

	@Test
	void shouldDeclareTheDatabricksPluginWithDefaultsThatNeedNoSetting() {
		this.runner.run((context) -> {
			assertThat(context.getBeanNamesForType(
					ResolvableType.forClassWithGenerics(DataSourcePlugin.class, DatabricksConfig.class)))
				.hasSize(1);
			assertThat(context.getBean(DataSourcePlugin.class).sourceType()).isEqualTo("databricks");
			assertThat(context.getBean(DatabricksProperties.class)).isEqualTo(DatabricksProperties.defaults());
		});
	}

	@Test
	void shouldBindItsSettings() {
		this.runner.withPropertyValues("noterag.sources.databricks.poll-interval=250ms",
				"noterag.sources.databricks.statement-timeout=2m", "noterag.sources.databricks.max-throttle-wait=5s")
			.run((context) -> {
				DatabricksProperties properties = context.getBean(DatabricksProperties.class);
				assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.statementTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.maxThrottleWait()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

}
