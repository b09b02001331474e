package io.noterag.indexing.plugin.microsoft;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;

import static org.assertj.core.api.Assertions.assertThat;

class MicrosoftPluginsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ScannedPlugins.class);

	@Test
	void shouldRegisterTheOneNoteAndSharePointPluginsWithDefaultsThatNeedNoSetting() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			DataSourcePlugins plugins = new DataSourcePlugins(context.getBeansOfType(DataSourcePlugin.class)
				.values()
				.stream()
				.map((plugin) -> (DataSourcePlugin<?>) plugin)
				.toList());
			assertThat(plugins.types()).containsExactly("onenote", "sharepoint");
			MicrosoftGraphProperties properties = context.getBean(MicrosoftGraphProperties.class);
			assertThat(properties.authorityUrl()).isEqualTo("https://login.microsoftonline.com");
			assertThat(properties.tenantId()).isEqualTo("common");
			assertThat(properties.graphUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
			assertThat(properties.maxThrottleWait()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.clientId()).isNull();
		});
	}

	@Test
	void shouldBindThePlatformSettings() {
		this.runner
			.withPropertyValues("noterag.sources.microsoft.graph-url=http://127.0.0.1:9/v1.0/",
					"noterag.sources.microsoft.client-id=app", "noterag.sources.microsoft.client-secret=s3cret",
					"noterag.sources.microsoft.max-throttle-wait=15s", "noterag.sources.onenote.max-image-size=2MB")
			.run((context) -> {
				MicrosoftGraphProperties properties = context.getBean(MicrosoftGraphProperties.class);
				assertThat(properties.graphUrl()).isEqualTo("http://127.0.0.1:9/v1.0");
				assertThat(properties.clientSecret()).isEqualTo("s3cret");
				assertThat(properties.maxThrottleWait()).isEqualTo(Duration.ofSeconds(15));
				assertThat(context.getBean(GraphClient.class).graphUrl()).isEqualTo("http://127.0.0.1:9/v1.0");
			});
	}

	@Test
	void shouldRefuseToStartWithoutAGraphUrl() {
		this.runner.withPropertyValues("noterag.sources.microsoft.graph-url= ")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(
			basePackages = { "io.noterag.indexing.plugin.microsoft", "io.noterag.indexing.plugin.onenote",
					"io.noterag.indexing.plugin.sharepoint" },
			excludeFilters = @ComponentScan.Filter(type = org.springframework.context.annotation.FilterType.REGEX,
					pattern = ".*Tests.*"))
	static class ScannedPlugins {

	}

}
