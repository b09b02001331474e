package io.noterag.indexing.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.noterag.shared.messaging.Topology;

/**
 * Acknowledges a message only once its work is done. When the work fails, the message is
 * published again to the retry queue with the next attempt number and a growing delay
 * (then acknowledged); after the last attempt it is rejected without requeue, so RabbitMQ
 * moves it to the dead-letter queue. A message that cannot be read goes to the
 * dead-letter queue at once.
 */
class RetryingDelivery {

	private static final Logger logger = LoggerFactory.getLogger(RetryingDelivery.class);

	private final RabbitTemplate rabbit;

	private final RetryProperties retry;

	RetryingDelivery(RabbitTemplate rabbit, RetryProperties retry) {
		this.rabbit = rabbit;
		this.retry = retry;
	}

	/**
	 * Handles one delivery whose payload has been read.
	 * @param <T> the payload type
	 * @param payload the payload
	 * @param message the message
	 * @param channel its channel
	 * @param valid whether the payload carries what the work needs
	 * @param work the work; returning normally means done (acknowledge)
	 * @param lastAttemptFailed called once the last attempt has failed, before the
	 * message is dead-lettered
	 * @throws IOException when the channel fails
	 */
	<T> void handle(T payload, Message message, Channel channel, Predicate<T> valid, Consumer<T> work,
			BiConsumer<T, RuntimeException> lastAttemptFailed) throws IOException {
		MessageProperties properties = message.getMessageProperties();
		long tag = properties.getDeliveryTag();
		if (payload == null || !valid.test(payload)) {
			logger.error("Incomplete message on {}, moved to the dead-letter queue: {}", properties.getConsumerQueue(),
					preview(message));
			channel.basicNack(tag, false, false);
			return;
		}
		int attempt = attempt(properties);
		try {
			work.accept(payload);
		}
		catch (RuntimeException ex) {
			if (attempt < this.retry.maxAttempts()) {
				Duration delay = this.retry.delayAfter(attempt);
				if (retryLater(message, attempt + 1, delay)) {
					logger.warn("Attempt {} of {} failed, trying again in {} ms: {}", attempt, this.retry.maxAttempts(),
							delay.toMillis(), ex.getMessage());
					channel.basicAck(tag, false);
					return;
				}
			}
			logger.error("Attempt {} of {} failed, giving up: {}", attempt, this.retry.maxAttempts(), ex.getMessage(),
					ex);
			try {
				lastAttemptFailed.accept(payload, ex);
			}
			finally {
				channel.basicNack(tag, false, false);
			}
			return;
		}
		channel.basicAck(tag, false);
	}

	static int attempt(MessageProperties properties) {
		Object value = properties.getHeaders().get(Topology.ATTEMPT_HEADER);
		if (value instanceof Number number) {
			return Math.max(1, number.intValue());
		}
		if (value != null) {
			try {
				return Math.max(1, Integer.parseInt(value.toString()));
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}
		return 1;
	}

	/**
	 * Publishes a copy for a later attempt and waits for the broker's confirmation.
	 */
	private boolean retryLater(Message message, int nextAttempt, Duration delay) {
		MessageProperties received = message.getMessageProperties();
		MessageProperties properties = new MessageProperties();
		Map<String, Object> headers = new HashMap<>(received.getHeaders());
		headers.keySet()
			.removeIf((name) -> name.startsWith("x-death") || name.startsWith("x-first-death")
					|| name.startsWith("x-last-death"));
		headers.forEach(properties::setHeader);
		properties.setHeader(Topology.ATTEMPT_HEADER, nextAttempt);
		properties.setContentType(received.getContentType());
		properties.setContentEncoding(received.getContentEncoding());
		properties.setMessageId(received.getMessageId());
		properties.setCorrelationId(received.getCorrelationId());
		properties.setType(received.getType());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setExpiration(Long.toString(Math.max(1, delay.toMillis())));
		Message copy = new Message(message.getBody(), properties);
		String routingKey = received.getReceivedRoutingKey();
		try {
			this.rabbit.invoke((operations) -> {
				operations.send(Topology.RETRY_EXCHANGE, routingKey, copy);
				operations.waitForConfirmsOrDie(10_000);
				return null;
			});
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not schedule another attempt: {}", ex.getMessage());
			return false;
		}
	}

	private static String preview(Message message) {
		String body = new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8);
		return (body.length() > 200) ? body.substring(0, 200) + "..." : body;
	}

}
