package io.noterag.shared.chat;

import io.noterag.shared.chat.langchain4j.ChatResponseCache;
import io.noterag.shared.chat.langchain4j.LangChain4jChatGateway;
import io.noterag.shared.chat.langchain4j.RedisChatResponseCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.ClassUtils;

/**
 * Provides the {@link ChatGateway}, configured by {@link LlmProperties}
 * ({@code noterag.llm}):
 * <ul>
 * <li>without any {@code noterag.llm.providers} entry (the default): a gateway that is
 * not {@link ChatGateway#configured()} and fails every call with a
 * {@link ChatUnavailableException}; the start-up never fails for that;</li>
 * <li>with providers: a {@link LangChain4jChatGateway} trying them in order, with
 * resilience4j circuit breakers; it needs langchain4j's provider modules
 * ({@code langchain4j-open-ai}, {@code langchain4j-anthropic},
 * {@code langchain4j-ollama}) and {@code resilience4j-circuitbreaker} on the class
 * path;</li>
 * <li>with a {@link StringRedisTemplate} bean (Spring Data Redis) and
 * {@code noterag.llm.cache.enabled} not {@code false}: a {@link RedisChatResponseCache}
 * for deterministic requests.</li>
 * </ul>
 * The start-up fails with a message naming the property when a provider entry is
 * incomplete ({@code openai} without {@code model}, {@code anthropic} without
 * {@code api-key}, ...) or when the modules are missing. A service that defines its own
 * {@link ChatGateway} bean replaces all this; the gateway is closed with the context.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(LlmProperties.class)
public class ChatGatewayAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ChatGatewayAutoConfiguration.class);

	private static final String[] REQUIRED_CLASSES = { "dev.langchain4j.model.openai.OpenAiChatModel",
			"dev.langchain4j.model.anthropic.AnthropicChatModel", "dev.langchain4j.model.ollama.OllamaChatModel",
			"io.github.resilience4j.circuitbreaker.CircuitBreaker" };

	@Bean
	@ConditionalOnMissingBean(ChatGateway.class)
	ChatGateway chatGateway(LlmProperties properties, ObjectProvider<ChatResponseCache> cache, BeanFactory beans) {
		if (properties.providers().isEmpty()) {
			logger.debug("No language model configured (noterag.llm.providers is empty)");
			return new UnconfiguredChatGateway();
		}
		ClassLoader classLoader = (beans instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : ChatGatewayAutoConfiguration.class.getClassLoader();
		for (String required : REQUIRED_CLASSES) {
			if (!ClassUtils.isPresent(required, classLoader)) {
				throw new IllegalStateException("noterag.llm.providers is set but " + required
						+ " is not on the class path: add dev.langchain4j:langchain4j-open-ai, langchain4j-anthropic, "
						+ "langchain4j-ollama and io.github.resilience4j:resilience4j-circuitbreaker to the service, "
						+ "or remove noterag.llm.providers");
			}
		}
		return LangChain4jSupport.gateway(properties, cache.getIfAvailable());
	}

	/** Keeps the langchain4j types out of the configuration class's own signatures. */
	static final class LangChain4jSupport {

		private LangChain4jSupport() {
		}

		static ChatGateway gateway(LlmProperties properties, ChatResponseCache cache) {
			LangChain4jChatGateway gateway = new LangChain4jChatGateway(properties, cache);
			logger.info("Language models, tried in this order: {}; response cache: {}", gateway,
					(cache != null && properties.cache().enabled()) ? cache : "none");
			return gateway;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.core.StringRedisTemplate")
	@ConditionalOnProperty(prefix = "noterag.llm.cache", name = "enabled", matchIfMissing = true)
	static class RedisCacheConfiguration {

		@Bean
		@ConditionalOnBean(StringRedisTemplate.class)
		@ConditionalOnMissingBean(ChatResponseCache.class)
		RedisChatResponseCache chatResponseCache(StringRedisTemplate redis, LlmProperties properties,
				Environment environment) {
			String prefix = properties.cache().keyPrefix();
			if (prefix == null || prefix.isBlank()) {
				prefix = environment.getProperty("noterag.cache.key-prefix", "noterag:") + "llm:";
			}
			return new RedisChatResponseCache(redis, prefix, properties.cache().ttl());
		}

	}

}
