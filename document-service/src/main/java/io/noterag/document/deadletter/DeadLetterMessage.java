package io.noterag.document.deadletter;

import java.time.Instant;

/**
 * A message waiting in a dead-letter queue.
 *
 * @param messageId its message id, if it has one
 * @param routingKey the routing key it was first published with
 * @param exchange the exchange it was first published to
 * @param attempt its attempt header: how many attempts it had
 * @param reason why RabbitMQ dead-lettered it ({@code rejected}, {@code expired},
 * {@code maxlen}, {@code delivery_limit})
 * @param queue the queue it was dead-lettered from
 * @param deadLetteredAt when
 * @param error the consumer's error, when it left one in a header
 * @param contentType its content type
 * @param size its body's size in bytes
 * @param bodyPreview the start of its body with secret values masked; null when it is not
 * JSON
 */
public record DeadLetterMessage(String messageId, String routingKey, String exchange, Integer attempt, String reason,
		String queue, Instant deadLetteredAt, String error, String contentType, int size, String bodyPreview) {

}
