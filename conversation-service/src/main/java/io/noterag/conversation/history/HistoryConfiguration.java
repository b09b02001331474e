package io.noterag.conversation.history;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.noterag.conversation.history.internal.JtokkitTokenCounters;
import io.noterag.conversation.history.internal.RedisContextCache;

/**
 * The token counters of model families, with the default one named by
 * {@code noterag.conversation.context.tokenizer} (start-up fails with the list of known
 * encodings when it names none), and the Redis cache of contexts.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	TokenCounters tokenCounters(ConversationProperties properties) {
		return new JtokkitTokenCounters(properties.context().tokenizer(), properties.context().estimateFactor());
	}

	@Bean
	RedisContextCache contextCache(StringRedisTemplate redis, JsonMapper json, CacheKeyProperties keys,
			ConversationProperties properties, MeterRegistry meters) {
		return new RedisContextCache(redis, json, keys.keyPrefix(), properties.context().cacheTtl(), meters);
	}

}
