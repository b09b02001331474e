package io.noterag.shared.chat;

import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import io.noterag.shared.chat.ChatGatewayContractTests.Recorder;
import io.noterag.shared.chat.langchain4j.ChatResponseCache;
import io.noterag.shared.chat.langchain4j.LangChain4jChatGateway;
import io.noterag.shared.chat.langchain4j.RedisChatResponseCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class ChatGatewayAutoConfigurationTests {

	private static final String KEY = "sk-test-autoconfig-0c9d8e7f6a5b";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChatGatewayAutoConfiguration.class));

	@Test
	void shouldProvideAGatewayThatSaysItIsNotConfiguredByDefault() throws Exception {
		Recorder recorder = new Recorder();
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ChatGateway.class);
			ChatGateway gateway = context.getBean(ChatGateway.class);
			assertThat(gateway.configured()).isFalse();
			assertThatExceptionOfType(ChatUnavailableException.class)
				.isThrownBy(() -> gateway.complete(ChatRequest.of("Be brief.", "Hello?")))
				.withMessageContaining("noterag.llm.providers[0].type");
			gateway.stream(ChatRequest.of("Be brief.", "Hello?"), recorder);
		});
		assertThat(recorder.ended.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(recorder.errors).singleElement().isInstanceOf(ChatUnavailableException.class);
	}

	@Test
	void shouldProvideTheLangChain4jGatewayWithItsDefaultsWithoutPrintingTheKey(CapturedOutput output) {
		this.runner
			.withPropertyValues("noterag.llm.providers[0].type=openai", "noterag.llm.providers[0].model=gpt-4o-mini",
					"noterag.llm.providers[0].api-key=" + KEY, "noterag.llm.providers[1].type=ollama",
					"noterag.llm.providers[1].model=llama3.1:8b")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LangChain4jChatGateway.class);
				LangChain4jChatGateway gateway = context.getBean(LangChain4jChatGateway.class);
				assertThat(gateway.configured()).isTrue();
				assertThat(gateway.circuitBreakerStates()).containsOnlyKeys("openai", "ollama");
				LlmProperties properties = context.getBean(LlmProperties.class);
				// within a 60 s proxy timeout, with room for the caller's own work
				assertThat(properties.providers().get(0).timeout()).hasSeconds(15);
				assertThat(properties.providers().get(0).maxRetries()).isEqualTo(1);
				assertThat(properties.deadline()).hasSeconds(40);
				assertThat(properties.cache().temperatureZeroOnly()).isTrue();
				assertThat(properties.circuitBreaker().failureRateThreshold()).isEqualTo(50f);
				assertThat(properties.toString()).doesNotContain(KEY);
				assertThat(gateway.toString()).doesNotContain(KEY).contains("api.openai.com");
			});
		assertThat(output.getAll()).contains("Language models, tried in this order").doesNotContain(KEY);
	}

	@Test
	void shouldFailNamingThePropertyWhenAProviderHasNoModel() {
		this.runner.withPropertyValues("noterag.llm.providers[0].type=openai").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("noterag.llm.providers[0].model is not set");
		});
	}

	@Test
	void shouldFailNamingBothSettingsWhenAnAttemptMayTakeLongerThanTheWholeCall() {
		this.runner
			.withPropertyValues("noterag.llm.providers[0].type=openai", "noterag.llm.providers[0].model=gpt-4o-mini",
					"noterag.llm.providers[0].timeout=60s", "noterag.llm.deadline=30s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(
							"noterag.llm.providers[0].timeout (PT1M) is longer than noterag.llm.deadline " + "(PT30S)");
			});
	}

	@Test
	void shouldFailNamingTheKeyPropertyWhenAnthropicHasNoneWithoutPrintingOthers() {
		this.runner
			.withPropertyValues("noterag.llm.providers[0].type=openai", "noterag.llm.providers[0].model=gpt-4o-mini",
					"noterag.llm.providers[0].api-key=" + KEY, "noterag.llm.providers[1].type=anthropic",
					"noterag.llm.providers[1].model=claude-sonnet-4-5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("noterag.llm.providers[1].api-key is not set");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("api-key")
					.satisfies((failure) -> assertThat(failure.toString() + failure.getCause()).doesNotContain(KEY));
			});
	}

	@Test
	void shouldFailNamingTheBaseUrlWhenAzureHasNone() {
		this.runner
			.withPropertyValues("noterag.llm.providers[0].type=azure-openai",
					"noterag.llm.providers[0].model=gpt-4o-mini-prod", "noterag.llm.providers[0].api-key=" + KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("noterag.llm.providers[0].base-url is not set");
			});
	}

	@Test
	void shouldFailNamingTheTypesWhenTheTypeIsUnknown() {
		this.runner.withPropertyValues("noterag.llm.providers[0].type=litellm", "noterag.llm.providers[0].model=gpt-4o")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("noterag.llm.providers[0].type=litellm")
					.hasMessageContaining("openai, azure-openai, anthropic, ollama");
			});
	}

	@Test
	void shouldFailOnAnInvalidSetting() {
		this.runner
			.withPropertyValues("noterag.llm.providers[0].type=openai", "noterag.llm.providers[0].model=gpt-4o",
					"noterag.llm.providers[0].max-retries=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("maxRetries");
			});
	}

	@Test
	void shouldFailNamingTheMissingModulesWhenProvidersAreSetWithoutThem() {
		this.runner.withClassLoader(new FilteredClassLoader(AnthropicChatModel.class))
			.withPropertyValues("noterag.llm.providers[0].type=openai", "noterag.llm.providers[0].model=gpt-4o")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("dev.langchain4j.model.anthropic.AnthropicChatModel")
					.hasMessageContaining("langchain4j-anthropic");
			});
	}

	@Test
	void shouldStartWithoutProvidersEvenWithoutTheModules() {
		this.runner.withClassLoader(new FilteredClassLoader("dev.langchain4j", "io.github.resilience4j"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ChatGateway.class).configured()).isFalse();
			});
	}

	@Test
	void shouldCacheInRedisUnderTheSharedKeyPrefixWhenRedisIsConfigured() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("noterag.cache.key-prefix=test:abc:", "noterag.llm.providers[0].type=openai",
					"noterag.llm.providers[0].model=gpt-4o-mini")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisChatResponseCache.class);
				assertThat(context.getBean(ChatResponseCache.class).toString()).contains("prefix=test:abc:llm:")
					.contains("ttl=PT24H");
			});
	}

	@Test
	void shouldNotCacheWhenTheCacheIsTurnedOff() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("noterag.llm.cache.enabled=false", "noterag.llm.providers[0].type=openai",
					"noterag.llm.providers[0].model=gpt-4o-mini")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ChatResponseCache.class);
				assertThat(context).hasSingleBean(ChatGateway.class);
			});
	}

}
