package io.noterag.document.deadletter.internal;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The latest entry of RabbitMQ's {@code x-death} header: where a dead-lettered message
 * was first published and why it was dead-lettered.
 *
 * @param exchange the exchange it had been published to
 * @param routingKey its first routing key
 * @param queue the queue it was dead-lettered from
 * @param reason why
 * @param time when
 */
public record Death(String exchange, String routingKey, String queue, String reason, Instant time) {

	/**
	 * Reads the most recent {@code x-death} entry.
	 * @param headers the message's headers
	 * @return the entry, or null when the message has none
	 */
	public static Death latest(Map<String, Object> headers) {
		if (headers == null || !(headers.get("x-death") instanceof List<?> deaths) || deaths.isEmpty()
				|| !(deaths.get(0) instanceof Map<?, ?> death)) {
			return null;
		}
		String routingKey = null;
		if (death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty() && keys.get(0) != null) {
			routingKey = keys.get(0).toString();
		}
		Instant time = (death.get("time") instanceof Date date) ? date.toInstant() : null;
		return new Death(text(death.get("exchange")), routingKey, text(death.get("queue")), text(death.get("reason")),
				time);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
