package io.noterag.shared.chat.langchain4j;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.noterag.shared.chat.ChatResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link ChatResponseCache} in Redis: one string key per request (the prefix and the
 * request's hash) holding the answer as JSON, expiring after the configured time. When
 * Redis cannot be reached the cache reports misses and drops writes, with a warning at
 * most once a minute.
 */
public class RedisChatResponseCache implements ChatResponseCache {

	private static final Logger logger = LoggerFactory.getLogger(RedisChatResponseCache.class);

	private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Duration ttl;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	/**
	 * Creates the cache.
	 * @param redis the connection
	 * @param prefix the keys' prefix, such as {@code noterag:llm:}
	 * @param ttl how long an answer is kept
	 */
	public RedisChatResponseCache(StringRedisTemplate redis, String prefix, Duration ttl) {
		this.redis = redis;
		this.prefix = prefix;
		this.ttl = ttl;
	}

	@Override
	public ChatResult get(String key) {
		String value;
		try {
			value = this.redis.opsForValue().get(this.prefix + key);
		}
		catch (RuntimeException ex) {
			warn("read", ex);
			return null;
		}
		if (value == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(value);
			return new ChatResult(node.path("text").asString(), node.path("provider").asString(),
					node.path("model").asString(), node.path("input_tokens").asLong(),
					node.path("output_tokens").asLong(), node.path("cost_usd").asDouble(), true, Duration.ZERO);
		}
		catch (JacksonException | NullPointerException ex) {
			logger.debug("Ignoring an unreadable LLM cache entry", ex);
			return null;
		}
	}

	@Override
	public void put(String key, ChatResult result) {
		ObjectNode node = this.json.createObjectNode();
		node.put("text", result.text());
		node.put("provider", result.provider());
		node.put("model", result.model());
		node.put("input_tokens", result.inputTokens());
		node.put("output_tokens", result.outputTokens());
		node.put("cost_usd", result.costUsd());
		try {
			this.redis.opsForValue().set(this.prefix + key, this.json.writeValueAsString(node), this.ttl);
		}
		catch (RuntimeException ex) {
			warn("write", ex);
		}
	}

	private void warn(String what, RuntimeException ex) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("The LLM response cache could not {} Redis ({}); answering without the cache", what,
					ex.toString());
		}
		else {
			logger.debug("The LLM response cache could not {} Redis", what, ex);
		}
	}

	@Override
	public String toString() {
		return "RedisChatResponseCache[prefix=" + this.prefix + ", ttl=" + this.ttl + "]";
	}

}
