package io.noterag.indexing.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import io.noterag.shared.source.plugin.SourceThrottledException;

/**
 * Acknowledges a message only once its work is done. When the work fails, a copy is
 * published to the retry queue of the next delay tier with the next attempt number,
 * confirmed by the broker, and only then is the message acknowledged; after the last
 * attempt it is rejected without requeue, so RabbitMQ moves it to its dead-letter queue
 * with its routing key and headers. A source that throttles sets the message aside for
 * the time it asks (not an attempt). A message that cannot be read goes to the
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
	 * @param throttled called with the wait when the work was throttled (the time the
	 * source asked for, or the first retry delay when it named none), before the message
	 * is set aside for that long
	 * @param lastAttemptFailed called once the last attempt has failed, before the
	 * message is dead-lettered
	 * @throws IOException when the channel fails
	 */
	<T> void handle(T payload, Message message, Channel channel, Predicate<T> valid, Consumer<T> work,
			BiConsumer<T, Duration> throttled, BiConsumer<T, RuntimeException> lastAttemptFailed) throws IOException {
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
		catch (SourceThrottledException ex) {
			Duration wait = (ex.retryAfter() != null && ex.retryAfter().isPositive()) ? ex.retryAfter()
					: this.retry.delayAfter(1);
			try {
				throttled.accept(payload, wait);
			}
			catch (RuntimeException callbackFailure) {
				logger.warn("Could not record that the source is throttling: {}", callbackFailure.getMessage());
			}
			if (defer(message, wait)) {
				logger.info("The source is throttling, trying again in {} ms: {}", wait.toMillis(), ex.getMessage());
				channel.basicAck(tag, false);
			}
			else {
				channel.basicNack(tag, false, true);
			}
			return;
		}
		catch (RuntimeException ex) {
			if (attempt < this.retry.maxAttempts()) {
				Duration delay = this.retry.delayAfter(attempt);
				if (republish(message, attempt + 1, Topology.retryQueue(delay), null)) {
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

	/**
	 * Sets a message aside for a while, keeping its attempt number, and acknowledges it
	 * once the copy is confirmed (or requeues it when the copy could not be published).
	 * @param message the message
	 * @param channel its channel
	 * @param wait how long
	 * @throws IOException when the channel fails
	 */
	void setAside(Message message, Channel channel, Duration wait) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		if (defer(message, wait)) {
			channel.basicAck(tag, false);
		}
		else {
			channel.basicNack(tag, false, true);
		}
	}

	private boolean defer(Message message, Duration wait) {
		return republish(message, attempt(message.getMessageProperties()), Topology.THROTTLED_QUEUE, wait);
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
	 * Publishes a copy to a waiting queue and waits for the broker's confirmation. The
	 * copy keeps the routing key it was received with, which the waiting queue's
	 * dead-lettering uses to send it back.
	 */
	private boolean republish(Message message, int attempt, String waitingQueue, Duration expiration) {
		MessageProperties received = message.getMessageProperties();
		MessageProperties properties = new MessageProperties();
		Map<String, Object> headers = new HashMap<>(received.getHeaders());
		headers.keySet()
			.removeIf((name) -> name.startsWith("x-death") || name.startsWith("x-first-death")
					|| name.startsWith("x-last-death"));
		headers.forEach(properties::setHeader);
		properties.setHeader(Topology.ATTEMPT_HEADER, attempt);
		properties.setHeader(Topology.RETRY_TIER_HEADER, waitingQueue);
		properties.setContentType(received.getContentType());
		properties.setContentEncoding(received.getContentEncoding());
		properties.setMessageId(received.getMessageId());
		properties.setCorrelationId(received.getCorrelationId());
		properties.setType(received.getType());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (expiration != null) {
			properties.setExpiration(Long.toString(Math.max(1, expiration.toMillis())));
		}
		Message copy = new Message(message.getBody(), properties);
		String routingKey = received.getReceivedRoutingKey();
		try {
			this.rabbit.invoke((operations) -> {
				operations.send(Topology.RETRY_DELAY_EXCHANGE, routingKey, copy);
				operations.waitForConfirmsOrDie(10_000);
				return null;
			});
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not set the message aside in {}: {}", waitingQueue, ex.getMessage());
			return false;
		}
	}

	private static String preview(Message message) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		return (body.length() > 200) ? body.substring(0, 200) + "..." : body;
	}

}
