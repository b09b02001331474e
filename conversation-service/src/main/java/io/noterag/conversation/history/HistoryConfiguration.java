package io.noterag.conversation.history;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.noterag.conversation.history.internal.JtokkitTokenCounter;
import io.noterag.conversation.history.internal.RedisContextCache;

/**
 * The tokenizer named by {@code noterag.conversation.context.tokenizer} (start-up fails
 * with the list of known encodings when it names none) and the Redis cache of contexts.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	TokenCounter tokenCounter(ConversationProperties properties) {
		return new JtokkitTokenCounter(properties.context().tokenizer());
	}

	@Bean
	RedisContextCache contextCache(StringRedisTemplate redis, JsonMapper json, CacheKeyProperties keys,
			ConversationProperties properties, MeterRegistry meters) {
		return new RedisContextCache(redis, json, keys.keyPrefix(), properties.context().cacheTtl(), meters);
	}

}
