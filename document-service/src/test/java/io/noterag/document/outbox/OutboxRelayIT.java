package io.noterag.document.outbox;

import io.noterag.shared.messaging.DataSourceDeleted;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.shared.messaging.Topology;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayIT extends DocumentServiceIntegrationTest {

	@Autowired
	private Outbox outbox;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private RabbitAdmin admin;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JsonMapper json;

	@Autowired
	private OutboxProperties properties;

	@Test
	void shouldNeverPublishARowTwiceWhenTwoRelaysRunAtOnce() throws Exception {
		String routingKey = "test.relay." + UUID.randomUUID();
		Queue queue = bindNewQueue(routingKey);
		int count = 120;
		List<UUID> ids = this.transactions.execute((status) -> {
			List<UUID> appended = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				appended.add(this.outbox.append(Topology.INDEXING_EXCHANGE, routingKey, Map.of("n", i)));
			}
			return appended;
		});

		OutboxRelay first = newRelay();
		OutboxRelay second = newRelay();
		CompletableFuture<Void> one = CompletableFuture.runAsync(() -> drain(first));
		CompletableFuture<Void> two = CompletableFuture.runAsync(() -> drain(second));
		CompletableFuture.allOf(one, two).get();

		Set<String> received = new HashSet<>();
		List<String> duplicates = new ArrayList<>();
		Message message;
		while ((message = this.rabbit.receive(queue.getName(), 2000)) != null) {
			String id = message.getMessageProperties().getMessageId();
			if (!received.add(id)) {
				duplicates.add(id);
			}
		}
		assertThat(duplicates).isEmpty();
		assertThat(received).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		long publishedOnce;
		do {
			publishedOnce = this.jdbc.sql(
					"SELECT count(*) FROM outbox WHERE routing_key = :key AND published_at IS NOT NULL AND attempts = 1")
				.param("key", routingKey)
				.query(Long.class)
				.single();
		}
		while (publishedOnce < count && System.nanoTime() < deadline);
		assertThat(publishedOnce).isEqualTo(count);
	}

	@Test
	void shouldKeepARowTheBrokerCouldNotRouteWithItsAttemptAndError() {
		String routingKey = "test.unroutable." + UUID.randomUUID();
		UUID id = this.transactions
			.execute((status) -> this.outbox.append(Topology.INDEXING_EXCHANGE, routingKey, Map.of("lost", true)));
		try {
			awaitAttempt(id);
			Map<String, Object> row = this.jdbc
				.sql("SELECT published_at, attempts, last_error, next_attempt_at > now() AS later FROM outbox "
						+ "WHERE id = :id")
				.param("id", id)
				.query()
				.singleRow();
			assertThat(row.get("published_at")).isNull();
			assertThat((Integer) row.get("attempts")).isPositive();
			assertThat((String) row.get("last_error")).contains("No queue is bound for routing key '" + routingKey);
			assertThat(row.get("later")).isEqualTo(true);
		}
		finally {
			this.jdbc.sql("DELETE FROM outbox WHERE id = :id").param("id", id).update();
		}
	}

	@Test
	void shouldPublishTheMessageAsTheConverterWroteIt() {
		String routingKey = "test.payload." + UUID.randomUUID();
		Queue queue = bindNewQueue(routingKey);
		this.transactions.execute((status) -> this.outbox.append(Topology.INDEXING_EXCHANGE, routingKey,
				new io.noterag.shared.messaging.DataSourceDeleted(UUID.randomUUID(), java.time.Instant.now())));
		Message message = this.rabbit.receive(queue.getName(), 10_000);
		assertThat(message).isNotNull();
		assertThat(message.getMessageProperties().getHeaders()).containsEntry("__TypeId__",
				"io.noterag.shared.messaging.DataSourceDeleted");
		assertThat(this.rabbit.getMessageConverter().fromMessage(message))
			.isInstanceOf(io.noterag.shared.messaging.DataSourceDeleted.class);
		assertThat(this.json.readTree(message.getBody()).has("data_source_id")).isTrue();
	}

	private OutboxRelay newRelay() {
		return new OutboxRelay(this.jdbc, this.rabbit, this.transactions, this.json, this.properties,
				Clock.systemUTC());
	}

	private static void drain(OutboxRelay relay) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (relay.relayBatch() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

	private Queue bindNewQueue(String routingKey) {
		// a plain queue: this broker refuses the arguments Spring gives anonymous queues
		Queue queue = new Queue("test." + UUID.randomUUID(), false, false, false);
		this.admin.declareQueue(queue);
		Binding binding = BindingBuilder.bind(queue).to(new TopicExchange(Topology.INDEXING_EXCHANGE)).with(routingKey);
		this.admin.declareBinding(binding);
		return queue;
	}

	private void awaitAttempt(UUID id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			Integer attempts = this.jdbc.sql("SELECT attempts FROM outbox WHERE id = :id")
				.param("id", id)
				.query(Integer.class)
				.single();
			if (attempts > 0) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("The relay never tried outbox row " + id);
	}

}
