package io.noterag.document.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes messages to the outbox table, in the caller's transaction: the message leaves
 * only if the change it announces is committed.
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	private final MessageConverter converter;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	Outbox(JdbcClient jdbc, MessageConverter converter, JsonMapper jsonMapper, Clock clock) {
		this.jdbc = jdbc;
		this.converter = converter;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/**
	 * Adds a message to publish once the current transaction commits.
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param message the message record, converted to JSON by the message converter
	 * @return the outbox row's id, also the message id on the broker
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID append(String exchange, String routingKey, Object message) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		MessageProperties properties = new MessageProperties();
		Message converted = this.converter.toMessage(message, properties);
		Map<String, Object> headers = new LinkedHashMap<>();
		converted.getMessageProperties()
			.getHeaders()
			.forEach((name, value) -> headers.put(name, String.valueOf(value)));
		this.jdbc.sql("""
				INSERT INTO outbox (id, exchange, routing_key, payload, headers, created_at, next_attempt_at)
				VALUES (:id, :exchange, :routingKey, CAST(:payload AS jsonb), CAST(:headers AS jsonb), :now, :now)
				""")
			.param("id", id)
			.param("exchange", exchange)
			.param("routingKey", routingKey)
			.param("payload", new String(converted.getBody(), StandardCharsets.UTF_8))
			.param("headers", this.jsonMapper.writeValueAsString(headers))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

}
