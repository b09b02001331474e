package io.noterag.indexing.messaging;

import io.noterag.shared.messaging.Topology;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPropertiesTests {

	@Test
	void shouldBackOffExponentiallyUpToTheLongestDelay() {
		RetryProperties retry = new RetryProperties(6, Duration.ofSeconds(5), 3.0, Duration.ofMinutes(1));

		assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(15));
		assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(45));
		assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
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
