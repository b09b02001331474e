package io.noterag.indexing.messaging;

import io.noterag.shared.messaging.Topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPropertiesTests {

	@Test
	void shouldWaitEachTiersDelayInTurnThenGiveUp() {
		RetryProperties retry = new RetryProperties(
				List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)));

		assertThat(retry.maxAttempts()).isEqualTo(4);
		assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
		assertThat(retry.delayAfter(9)).isEqualTo(Duration.ofMinutes(4));
	}

	@Test
	void shouldNameOneRetryQueuePerDistinctDelay() {
		RetryProperties retry = new RetryProperties(
				List.of(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(90), Duration.ofHours(1)));

		assertThat(retry.tiers().stream().map(Topology::retryQueue)).containsExactly("indexing.retry.200ms",
				"indexing.retry.90s", "indexing.retry.1h");
		assertThat(Topology.retryQueue(Duration.ofMinutes(2))).isEqualTo("indexing.retry.2m");
	}

	@Test
	void shouldRefuseADelayThatIsNotPositive() {
		assertThatThrownBy(() -> new RetryProperties(List.of(Duration.ZERO)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void shouldNameTheDeadLetterQueueOfEachWorkQueue() {
		assertThat(Topology.WORK_ROUTING_KEYS.stream().map(Topology::deadLetterQueue))
			.containsExactlyElementsOf(Topology.DEAD_LETTER_QUEUES)
			.containsExactly("indexing.sync-requested.dlq", "indexing.item-index-requested.dlq",
					"indexing.source-deleted.dlq");
	}

	@Test
	void shouldCountAFirstDeliveryAsTheFirstAttempt() {
		assertThat(RetryingDelivery.attempt(properties(Map.of()))).isEqualTo(1);
		assertThat(RetryingDelivery.attempt(properties(Map.of(Topology.ATTEMPT_HEADER, 3)))).isEqualTo(3);
		assertThat(RetryingDelivery.attempt(properties(Map.of(Topology.ATTEMPT_HEADER, "2")))).isEqualTo(2);
		assertThat(RetryingDelivery.attempt(properties(Map.of(Topology.ATTEMPT_HEADER, "x")))).isEqualTo(1);
	}

	private static MessageProperties properties(Map<String, Object> headers) {
		MessageProperties properties = new MessageProperties();
		headers.forEach(properties::setHeader);
		return properties;
	}

}
