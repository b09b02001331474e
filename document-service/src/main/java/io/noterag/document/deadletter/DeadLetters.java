package io.noterag.document.deadletter;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Service;

import io.noterag.document.deadletter.internal.BodyPreview;
import io.noterag.document.deadletter.internal.Death;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.web.ApiException;

/**
 * Lists and re-drives the dead-letter queues of {@link Topology#DEAD_LETTER_QUEUES}. Each
 * call opens its own connection to the broker, so that the messages it reads but does not
 * remove go back to their queue, in their place, when it ends, whatever happens.
 */
@Service
public class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final com.rabbitmq.client.ConnectionFactory rabbit;

	private final JsonMapper json;

	private final DeadLetterProperties properties;

	DeadLetters(ConnectionFactory connectionFactory, JsonMapper json, DeadLetterProperties properties) {
		if (!(connectionFactory instanceof AbstractConnectionFactory factory)) {
			throw new IllegalStateException("The dead-letter admin needs a RabbitMQ connection factory, not "
					+ connectionFactory.getClass().getName());
		}
		this.rabbit = factory.getRabbitConnectionFactory();
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Every dead-letter queue with its count and first messages. A queue not declared on
	 * the broker yet shows as empty.
	 * @param limit how many messages to show per queue, or null for the configured number
	 * @return the queues
	 */
	public DeadLetterList list(Integer limit) {
		int shown = (limit != null) ? limit : this.properties.previewMessages();
		List<DeadLetterQueue> queues = new ArrayList<>();
		try (Connection connection = connect()) {
			for (String queue : Topology.DEAD_LETTER_QUEUES) {
				queues.add(peek(connection, queue, shown));
			}
		}
		catch (IOException | TimeoutException ex) {
			throw unavailable(ex);
		}
		return new DeadLetterList(queues);
	}

	/**
	 * Moves messages of a dead-letter queue back to the exchange and routing key they
	 * were first published with, without their attempt and death headers, so they get a
	 * fresh set of attempts. Each message is removed from the dead-letter queue only once
	 * the broker has confirmed its copy and has not returned it as unroutable.
	 * @param queue the dead-letter queue
	 * @param limit how many messages to move at most
	 * @return how many moved
	 * @throws ApiException 404 when the queue is not a dead-letter queue
	 */
	public Redrive redrive(String queue, int limit) {
		requireDeadLetterQueue(queue);
		int max = Math.min(limit, this.properties.maxRedrive());
		int moved = 0;
		String error = null;
		try (Connection connection = connect()) {
			try (Channel channel = connection.createChannel()) {
				channel.confirmSelect();
				AtomicBoolean returned = new AtomicBoolean();
				channel.addReturnListener((reply) -> returned.set(true));
				while (moved < max) {
					GetResponse message = channel.basicGet(queue, false);
					if (message == null) {
						break;
					}
					Target target = target(message);
					returned.set(false);
					channel.basicPublish(target.exchange(), target.routingKey(), true, fresh(message.getProps()),
							message.getBody());
					channel.waitForConfirmsOrDie(this.properties.confirmTimeout().toMillis());
					if (returned.get()) {
						// no queue took it: leave it where it is
						channel.basicNack(message.getEnvelope().getDeliveryTag(), false, true);
						error = "A message could not be routed to exchange '" + target.exchange()
								+ "' with routing key '" + target.routingKey() + "'; it stays in " + queue + ".";
						break;
					}
					channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
					moved++;
				}
			}
			catch (IOException | TimeoutException | InterruptedException | RuntimeException ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				// unacknowledged messages go back to the queue when the channel closes
				error = "Stopped after " + moved + " messages: " + ex.getMessage();
				log.warn("Re-drive of {} stopped after {} messages", queue, moved, ex);
			}
			long remaining = count(connection, queue);
			log.info("Re-drove {} messages of {}; {} remain", moved, queue, remaining);
			return new Redrive(queue, moved, remaining, error);
		}
		catch (IOException | TimeoutException ex) {
			throw unavailable(ex);
		}
	}

	private DeadLetterQueue peek(Connection connection, String queue, int limit) throws IOException {
		List<DeadLetterMessage> messages = new ArrayList<>();
		long count;
		Channel channel = connection.createChannel();
		try {
			count = channel.queueDeclarePassive(queue).getMessageCount();
			long lastTag = -1;
			while (messages.size() < Math.min(limit, count)) {
				GetResponse message = channel.basicGet(queue, false);
				if (message == null) {
					break;
				}
				lastTag = message.getEnvelope().getDeliveryTag();
				messages.add(describe(message));
			}
			if (lastTag >= 0) {
				channel.basicNack(lastTag, true, true);
			}
		}
		catch (IOException ex) {
			if (!channel.isOpen()) {
				// the broker closes the channel when the queue does not exist
				return new DeadLetterQueue(queue, 0, List.of());
			}
			throw ex;
		}
		finally {
			closeQuietly(channel);
		}
		return new DeadLetterQueue(queue, count, messages);
	}

	private long count(Connection connection, String queue) {
		try {
			Channel channel = connection.createChannel();
			try {
				return channel.queueDeclarePassive(queue).getMessageCount();
			}
			finally {
				closeQuietly(channel);
			}
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private DeadLetterMessage describe(GetResponse message) {
		AMQP.BasicProperties props = message.getProps();
		Map<String, Object> headers = (props.getHeaders() != null) ? props.getHeaders() : Map.of();
		Death death = Death.latest(headers);
		Target target = target(message);
		Instant deadLetteredAt = (death != null) ? death.time() : null;
		return new DeadLetterMessage(props.getMessageId(), target.routingKey(), target.exchange(),
				attempt(headers.get(Topology.ATTEMPT_HEADER)), (death != null) ? death.reason() : null,
				(death != null) ? death.queue() : null, deadLetteredAt, error(headers), props.getContentType(),
				message.getBody().length,
				BodyPreview.of(this.json, message.getBody(), this.properties.previewCharacters()));
	}

	private static Target target(GetResponse message) {
		Map<String, Object> headers = message.getProps().getHeaders();
		Death death = Death.latest(headers);
		String exchange = (death != null && death.exchange() != null
				&& !Topology.DEAD_LETTER_EXCHANGE.equals(death.exchange())) ? death.exchange()
						: Topology.INDEXING_EXCHANGE;
		String routingKey = (death != null && death.routingKey() != null) ? death.routingKey()
				: message.getEnvelope().getRoutingKey();
		return new Target(exchange, routingKey);
	}

	private static AMQP.BasicProperties fresh(AMQP.BasicProperties received) {
		Map<String, Object> headers = new HashMap<>((received.getHeaders() != null) ? received.getHeaders() : Map.of());
		headers.keySet()
			.removeIf((name) -> name.startsWith("x-death") || name.startsWith("x-first-death")
					|| name.startsWith("x-last-death") || name.equals(Topology.ATTEMPT_HEADER)
					|| name.equals(Topology.RETRY_TIER_HEADER));
		return received.builder().headers(headers).deliveryMode(2).expiration(null).build();
	}

	private static Integer attempt(Object value) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		if (value != null) {
			try {
				return Integer.parseInt(value.toString());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static String error(Map<String, Object> headers) {
		for (String name : List.of("x-noterag-error", "x-exception-message")) {
			Object value = headers.get(name);
			if (value != null) {
				String text = value.toString();
				return (text.length() > 500) ? text.substring(0, 500) + "..." : text;
			}
		}
		return null;
	}

	private static void requireDeadLetterQueue(String queue) {
		if (!Topology.DEAD_LETTER_QUEUES.contains(queue)) {
			throw ApiException.notFound("There is no dead-letter queue '" + queue + "'. Dead-letter queues: "
					+ String.join(", ", Topology.DEAD_LETTER_QUEUES) + ".");
		}
	}

	private Connection connect() throws IOException, TimeoutException {
		return this.rabbit.newConnection("document-service dead-letter admin");
	}

	private static void closeQuietly(Channel channel) {
		try {
			if (channel.isOpen()) {
				channel.close();
			}
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// closing: nothing left to do
		}
	}

	private static ApiException unavailable(Exception ex) {
		log.warn("The message broker could not be reached", ex);
		return ApiException.unavailable("The message broker could not be reached; try again.");
	}

	private record Target(String exchange, String routingKey) {
	}

}
