package io.noterag.conversation.history.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.noterag.conversation.history.ConversationContext;

/**
 * Contexts of conversations in Redis: one hash per conversation, one field per set of
 * limits (and tokenizer), the whole hash expiring after the configured time.
 * <p>
 * A change of the conversation replaces the hash by a fresh {@code _version} field alone.
 * A context computed from the database is stored only if the version it saw before
 * reading is still there, so a reader that raced a change never puts an outdated context
 * back after the change removed it. Redis being unreachable is never an error: every
 * operation then does nothing, and the state change is logged once as a warning.
 */
public class RedisContextCache {

	private static final Logger log = LoggerFactory.getLogger(RedisContextCache.class);

	static final String VERSION = "_version";

	private static final RedisScript<Long> STORE_IF_UNCHANGED = RedisScript.of("""
			local current = redis.call('HGET', KEYS[1], ARGV[1])
			if current == false then current = '' end
			if current ~= ARGV[2] then return 0 end
			redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
			if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
			return 1
			""", Long.class);

	private static final RedisScript<Long> REPLACE_VERSION = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String keyPrefix;

	private final Duration ttl;

	private final AtomicBoolean reachable = new AtomicBoolean(true);

	private final Counter hits;

	private final Counter misses;

	private final Counter failures;

	public RedisContextCache(StringRedisTemplate redis, JsonMapper json, String keyPrefix, Duration ttl,
			MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.keyPrefix = keyPrefix;
		this.ttl = ttl;
		this.hits = lookups(meters, "hit");
		this.misses = lookups(meters, "miss");
		this.failures = lookups(meters, "error");
	}

	/**
	 * The Redis key holding the contexts of a conversation.
	 * @param conversationId the conversation
	 * @return the key
	 */
	public String key(UUID conversationId) {
		return this.keyPrefix + "conversation-context:" + conversationId;
	}

	/**
	 * Looks a context up.
	 * @param conversationId the conversation
	 * @param variant the limits and tokenizer the context was made with
	 * @return the cached context, or a miss carrying the version to store against
	 */
	public Lookup lookup(UUID conversationId, String variant) {
		try {
			List<Object> values = this.redis.opsForHash()
				.multiGet(key(conversationId), List.<Object>of(variant, VERSION));
			markReachable();
			String cached = (String) values.get(0);
			String version = (values.get(1) != null) ? (String) values.get(1) : "";
			if (cached != null) {
				try {
					Lookup hit = new Lookup(this.json.readValue(cached, CachedContext.class), version);
					this.hits.increment();
					return hit;
				}
				catch (JacksonException ex) {
					// written by another version of this service: computed anew and
					// replaced
					log.debug("Ignoring an unreadable cached context of {}: {}", conversationId, ex.getMessage());
				}
			}
			this.misses.increment();
			return new Lookup(null, version);
		}
		catch (DataAccessException ex) {
			unreachable(ex);
			return new Lookup(null, null);
		}
	}

	/**
	 * Stores a context computed from the database, unless the conversation changed since
	 * {@link #lookup} or Redis could not be reached then.
	 * @param conversationId the conversation
	 * @param variant the limits and tokenizer
	 * @param version what the lookup saw
	 * @param context the context and its owner
	 */
	public void store(UUID conversationId, String variant, String version, CachedContext context) {
		if (version == null) {
			return;
		}
		try {
			this.redis.execute(STORE_IF_UNCHANGED, List.of(key(conversationId)), VERSION, version, variant,
					this.json.writeValueAsString(context), Long.toString(this.ttl.toMillis()));
			markReachable();
		}
		catch (DataAccessException ex) {
			unreachable(ex);
		}
		catch (JacksonException ex) {
			log.warn("Could not cache the context of conversation {}: {}", conversationId, ex.getMessage());
		}
	}

	/**
	 * Drops every cached context of a conversation.
	 * @param conversationId the conversation that changed
	 */
	public void invalidate(UUID conversationId) {
		try {
			this.redis.execute(REPLACE_VERSION, List.of(key(conversationId)), VERSION, UUID.randomUUID().toString(),
					Long.toString(this.ttl.toMillis()));
			markReachable();
		}
		catch (DataAccessException ex) {
			unreachable(ex);
			log.warn("Could not drop the cached contexts of conversation {}; they expire within {}", conversationId,
					this.ttl);
		}
	}

	private void unreachable(DataAccessException ex) {
		this.failures.increment();
		if (this.reachable.compareAndSet(true, false)) {
			log.warn("Redis is unreachable ({}): conversation contexts are computed without the cache until it is back",
					ex.getMessage());
		}
		else {
			log.debug("Redis still unreachable: {}", ex.getMessage());
		}
	}

	private void markReachable() {
		if (this.reachable.compareAndSet(false, true)) {
			log.info("Redis is reachable again: conversation contexts are cached");
		}
	}

	private static Counter lookups(MeterRegistry meters, String result) {
		return Counter.builder("noterag.conversation.context.cache")
			.description("Context lookups in Redis by result")
			.tag("result", result)
			.register(meters);
	}

	/**
	 * The answer of a lookup.
	 *
	 * @param hit the cached context, or {@code null}
	 * @param version the conversation's cache version at the lookup ({@code ""} when it
	 * has none yet), or {@code null} when Redis could not be reached
	 */
	public record Lookup(CachedContext hit, String version) {

	}

	/**
	 * A cached context with the user it belongs to, so that a hit is checked against the
	 * caller as a database read would be.
	 *
	 * @param ownerId the conversation's owner
	 * @param context the context
	 */
	public record CachedContext(UUID ownerId, ConversationContext context) {

	}

}
