package io.noterag.conversation.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.noterag.conversation.history.ConversationContext;
import io.noterag.conversation.history.ConversationContext.ContextMessage;
import io.noterag.conversation.history.internal.RedisContextCache.CachedContext;
import io.noterag.conversation.history.internal.RedisContextCache.Lookup;
import io.noterag.shared.test.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of contexts on the real Redis, in particular that a context read before a
 * change of its conversation never lands in the cache after the change.
 */
class RedisContextCacheIT {

	private static final String VARIANT = "o200k_base:4:10:4000";

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RedisContextCache cache = new RedisContextCache(redis, JsonMapper.builder().build(),
			TestInfrastructure.redisPrefix() + "cache-test:", Duration.ofMinutes(2), this.meters);

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(TestInfrastructure.redisHost()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void shouldFindAStoredContextWithItsOwner() {
		UUID conversation = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		Lookup miss = this.cache.lookup(conversation, VARIANT);

		this.cache.store(conversation, VARIANT, miss.version(), new CachedContext(owner, context(conversation)));
		Lookup hit = this.cache.lookup(conversation, VARIANT);

		assertThat(miss.hit()).isNull();
		assertThat(hit.hit()).isNotNull();
		assertThat(hit.hit().ownerId()).isEqualTo(owner);
		assertThat(hit.hit().context()).isEqualTo(context(conversation));
		assertThat(redis.getExpire(this.cache.key(conversation))).isBetween(1L, 120L);
		assertThat(this.meters.get("noterag.conversation.context.cache").tag("result", "hit").counter().count())
			.isEqualTo(1.0);
		assertThat(this.meters.get("noterag.conversation.context.cache").tag("result", "miss").counter().count())
			.isEqualTo(1.0);
	}

	@Test
	void shouldNotPutBackAContextReadBeforeTheConversationChanged() {
		UUID conversation = UUID.randomUUID();
		Lookup before = this.cache.lookup(conversation, VARIANT);

		this.cache.invalidate(conversation);
		this.cache.store(conversation, VARIANT, before.version(),
				new CachedContext(UUID.randomUUID(), context(conversation)));

		assertThat(this.cache.lookup(conversation, VARIANT).hit()).isNull();
		assertThat(redis.opsForHash().keys(this.cache.key(conversation))).containsExactly("_version");
	}

	@Test
	void shouldDropEveryLimitsEntryOfAConversationAndNoOtherConversations() {
		UUID conversation = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		for (String variant : List.of(VARIANT, "o200k_base:4:3:500")) {
			this.cache.store(conversation, variant, this.cache.lookup(conversation, variant).version(),
					new CachedContext(UUID.randomUUID(), context(conversation)));
		}
		this.cache.store(other, VARIANT, this.cache.lookup(other, VARIANT).version(),
				new CachedContext(UUID.randomUUID(), context(other)));

		this.cache.invalidate(conversation);

		assertThat(this.cache.lookup(conversation, VARIANT).hit()).isNull();
		assertThat(this.cache.lookup(conversation, "o200k_base:4:3:500").hit()).isNull();
		assertThat(this.cache.lookup(other, VARIANT).hit()).isNotNull();
		Lookup after = this.cache.lookup(conversation, VARIANT);
		this.cache.store(conversation, VARIANT, after.version(),
				new CachedContext(UUID.randomUUID(), context(conversation)));
		assertThat(this.cache.lookup(conversation, VARIANT).hit()).isNotNull();
	}

	private static ConversationContext context(UUID conversation) {
		return new ConversationContext(conversation, "Spare keys",
				List.of(new ContextMessage(UUID.nameUUIDFromBytes(conversation.toString().getBytes()), "user",
						"Where is the spare key?", Instant.parse("2026-03-01T10:00:00Z"), Map.of("client", "web"), 10)),
				10, 10, 4000, "o200k_base", java.math.BigDecimal.ONE, false);
	}

}
