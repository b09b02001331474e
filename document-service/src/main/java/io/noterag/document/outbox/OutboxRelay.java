package io.noterag.document.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox: takes a batch of unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED}, sends each as a persistent message, waits for the
 * broker's confirms and, in the same transaction, marks the confirmed rows published and
 * the others failed (attempts, last error, next attempt).
 */
@Component
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final RabbitTemplate rabbitTemplate;

	private final TransactionTemplate transactionTemplate;

	private final JsonMapper jsonMapper;

	private final OutboxProperties properties;

	private final Clock clock;

	OutboxRelay(JdbcClient jdbc, RabbitTemplate rabbitTemplate, TransactionTemplate transactionTemplate,
			JsonMapper jsonMapper, OutboxProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.rabbitTemplate = rabbitTemplate;
		this.transactionTemplate = transactionTemplate;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${noterag.outbox.relay-interval:200ms}")
	void relayOnSchedule() {
		try {
			int taken;
			do {
				taken = relayBatch();
			}
			while (taken == this.properties.batchSize());
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay failed; will try again", ex);
		}
	}

	/**
	 * Publishes one batch of due rows.
	 * @return how many rows this call took (published or failed)
	 */
	public int relayBatch() {
		Integer taken = this.transactionTemplate.execute((status) -> {
			List<Row> rows = this.jdbc.sql("""
					SELECT id, exchange, routing_key, payload::text AS payload, headers::text AS headers,
					       created_at, attempts
					FROM outbox
					WHERE published_at IS NULL AND next_attempt_at <= :now
					ORDER BY next_attempt_at, created_at
					LIMIT :limit
					FOR UPDATE SKIP LOCKED
					""")
				.param("now", utc(now()))
				.param("limit", this.properties.batchSize())
				.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("exchange"),
						rs.getString("routing_key"), rs.getString("payload"), rs.getString("headers"),
						rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
				.list();
			List<Sent> sent = new ArrayList<>(rows.size());
			for (Row row : rows) {
				sent.add(send(row));
			}
			long deadline = System.nanoTime() + this.properties.confirmTimeout().toNanos();
			for (Sent attempt : sent) {
				String error = (attempt.error() != null) ? attempt.error() : awaitConfirm(attempt, deadline);
				if (error == null) {
					markPublished(attempt.row());
				}
				else {
					markFailed(attempt.row(), error);
				}
			}
			return rows.size();
		});
		return (taken != null) ? taken : 0;
	}

	private Sent send(Row row) {
		CorrelationData correlation = new CorrelationData(row.id().toString());
		try {
			this.rabbitTemplate.send(row.exchange(), row.routingKey(), toMessage(row), correlation);
			return new Sent(row, correlation, null);
		}
		catch (RuntimeException ex) {
			return new Sent(row, correlation, describe(ex));
		}
	}

	private Message toMessage(Row row) {
		MessageProperties properties = new MessageProperties();
		Map<String, Object> headers = this.jsonMapper.readValue(row.headers(), HEADERS);
		headers.forEach(properties::setHeader);
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(row.id().toString());
		properties.setTimestamp(Date.from(row.createdAt()));
		return new Message(row.payload().getBytes(StandardCharsets.UTF_8), properties);
	}

	private String awaitConfirm(Sent attempt, long deadline) {
		CorrelationData correlation = attempt.correlation();
		try {
			long remaining = Math.max(0, deadline - System.nanoTime());
			CorrelationData.Confirm confirm = correlation.getFuture().get(remaining, TimeUnit.NANOSECONDS);
			if (!confirm.ack()) {
				return "The broker refused the message: " + confirm.reason();
			}
			if (correlation.getReturned() != null) {
				return "No queue is bound for routing key '" + attempt.row().routingKey() + "' on exchange '"
						+ attempt.row().exchange() + "': " + correlation.getReturned().getReplyText();
			}
			return null;
		}
		catch (TimeoutException ex) {
			return "No confirm from the broker within " + this.properties.confirmTimeout();
		}
		catch (ExecutionException ex) {
			return describe(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "Interrupted while waiting for the broker's confirm";
		}
	}

	private void markPublished(Row row) {
		this.jdbc
			.sql("UPDATE outbox SET published_at = :now, attempts = attempts + 1, last_error = NULL WHERE id = :id")
			.param("now", utc(now()))
			.param("id", row.id())
			.update();
	}

	private void markFailed(Row row, String error) {
		int attempts = row.attempts() + 1;
		Instant next = now().plus(backoff(attempts));
		log.warn("Could not publish outbox message {} to {}/{} (attempt {}): {}", row.id(), row.exchange(),
				row.routingKey(), attempts, error);
		this.jdbc
			.sql("UPDATE outbox SET attempts = :attempts, last_error = :error, next_attempt_at = :next WHERE id = :id")
			.param("attempts", attempts)
			.param("error", error)
			.param("next", utc(next))
			.param("id", row.id())
			.update();
	}

	private Duration backoff(int attempts) {
		Duration initial = this.properties.initialBackoff();
		Duration max = this.properties.maxBackoff();
		int doublings = Math.min(attempts - 1, 30);
		Duration wait = initial.multipliedBy(1L << doublings);
		return (wait.compareTo(max) > 0 || wait.isNegative()) ? max : wait;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String describe(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		return ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	private record Row(UUID id, String exchange, String routingKey, String payload, String headers, Instant createdAt,
			int attempts) {
	}

	private record Sent(Row row, CorrelationData correlation, String error) {
	}

}
