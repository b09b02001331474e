package io.noterag.document.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Messages really dead-lettered by RabbitMQ (rejected without requeue from a work queue)
 * listed and re-driven through the admin API.
 */
class DeadLetterApiIT extends DocumentServiceIntegrationTest {

	private static final String DLQ = Topology.SYNC_DEAD_LETTER_QUEUE;

	private static final String QUEUE = "$.queues[" + Topology.DEAD_LETTER_QUEUES.indexOf(DLQ) + "]";

	@Autowired
	private CachingConnectionFactory connectionFactory;

	@Autowired
	private RabbitAdmin rabbitAdmin;

	private Connection connection;

	private Channel channel;

	private String workQueue;

	private String routingKey;

	@BeforeEach
	void declareAWorkQueueThatDeadLettersIntoTheSyncDeadLetterQueue() throws Exception {
		this.rabbitAdmin.initialize();
		this.connection = this.connectionFactory.getRabbitConnectionFactory().newConnection();
		this.channel = this.connection.createChannel();
		this.channel.queuePurge(DLQ);
		this.workQueue = "test.work." + UUID.randomUUID();
		this.routingKey = "test." + UUID.randomUUID();
		this.channel.queueDeclare(this.workQueue, false, false, true, Map.of("x-dead-letter-exchange",
				Topology.DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", Topology.SYNC_REQUESTED));
		this.channel.queueBind(this.workQueue, Topology.INDEXING_EXCHANGE, this.routingKey);
	}

	@AfterEach
	void close() throws Exception {
		this.channel.queuePurge(DLQ);
		this.connection.close();
	}

	@Test
	void shouldListDeadLettersWithTheirRoutingKeyAttemptAndReasonWithoutSecretsAndLeaveThemThere() throws Exception {
		for (int i = 0; i < 3; i++) {
			deadLetter(Topology.INDEXING_EXCHANGE, this.routingKey, "message-" + i);
		}

		this.mvc.perform(get("/api/v2/admin/dead-letters?limit=2").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queues[*].queue", hasSize(Topology.DEAD_LETTER_QUEUES.size())))
			.andExpect(jsonPath(QUEUE + ".queue").value(DLQ))
			.andExpect(jsonPath(QUEUE + ".count").value(3))
			.andExpect(jsonPath(QUEUE + ".messages[*]", hasSize(2)))
			.andExpect(jsonPath(QUEUE + ".messages[0].message_id").value("message-0"))
			.andExpect(jsonPath(QUEUE + ".messages[0].routing_key").value(this.routingKey))
			.andExpect(jsonPath(QUEUE + ".messages[0].exchange").value(Topology.INDEXING_EXCHANGE))
			.andExpect(jsonPath(QUEUE + ".messages[0].attempt").value(4))
			.andExpect(jsonPath(QUEUE + ".messages[0].reason").value("rejected"))
			.andExpect(jsonPath(QUEUE + ".messages[0].queue").value(this.workQueue))
			.andExpect(jsonPath(QUEUE + ".messages[0].error").value("Graph answered 503 three times"))
			.andExpect(jsonPath(QUEUE + ".messages[0].body_preview").value(containsString("\"job_id\":\"message-0\"")))
			.andExpect(content().string(not(containsString("s3cr3t"))))
			.andExpect(content().string(not(containsString("pat-123"))));

		// looking does not take them away
		assertThat(this.channel.queueDeclarePassive(DLQ).getMessageCount()).isEqualTo(3);
		this.mvc.perform(get("/api/v2/admin/dead-letters").header("Authorization", bearer(TestTokens.newUser("user"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void shouldRedriveToTheOriginalExchangeAndRoutingKeyWithAFreshAttemptCount() throws Exception {
		for (int i = 0; i < 3; i++) {
			deadLetter(Topology.INDEXING_EXCHANGE, this.routingKey, "message-" + i);
		}

		this.mvc
			.perform(post("/api/v2/admin/dead-letters/" + DLQ + "/redrive?limit=2").header("Authorization",
					bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.moved").value(2))
			.andExpect(jsonPath("$.remaining").value(1))
			.andExpect(jsonPath("$.error").doesNotExist());

		List<GetResponse> redriven = drain(this.workQueue);
		assertThat(redriven).extracting((message) -> message.getProps().getMessageId())
			.containsExactly("message-0", "message-1");
		for (GetResponse message : redriven) {
			Map<String, Object> headers = message.getProps().getHeaders();
			assertThat(headers).doesNotContainKeys("x-death", Topology.ATTEMPT_HEADER)
				.containsEntry("__TypeId__", toLongString("io.noterag.shared.messaging.SyncRequested"));
			assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("s3cr3t");
		}
		this.mvc
			.perform(post("/api/v2/admin/dead-letters/" + DLQ + "/redrive").header("Authorization", bearer(admin())))
			.andExpect(jsonPath("$.moved").value(1))
			.andExpect(jsonPath("$.remaining").value(0));
		assertThat(drain(this.workQueue)).hasSize(1);
	}

	@Test
	void shouldLeaveAMessageInItsDeadLetterQueueWhenNothingCanTakeItBack() throws Exception {
		// first published straight to a queue that no longer exists when it is re-driven
		String gone = "test.gone." + UUID.randomUUID();
		this.channel.queueDeclare(gone, false, false, false, Map.of("x-dead-letter-exchange",
				Topology.DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", Topology.SYNC_REQUESTED));
		deadLetter("", gone, "orphan");
		this.channel.queueDelete(gone);

		this.mvc
			.perform(post("/api/v2/admin/dead-letters/" + DLQ + "/redrive").header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.moved").value(0))
			.andExpect(jsonPath("$.remaining").value(1))
			.andExpect(jsonPath("$.error", containsString("could not be routed")));
		assertThat(this.channel.queueDeclarePassive(DLQ).getMessageCount()).isEqualTo(1);
	}

	@Test
	void shouldAnswerNotFoundForAQueueThatIsNotADeadLetterQueue() throws Exception {
		this.mvc
			.perform(post("/api/v2/admin/dead-letters/" + Topology.SYNC_QUEUE + "/redrive").header("Authorization",
					bearer(admin())))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail", containsString(DLQ)));
	}

	/**
	 * Publishes a message to the work queue, takes it and rejects it as a worker would.
	 */
	private void deadLetter(String exchange, String routingKey, String id) throws Exception {
		String body = "{\"job_id\":\"" + id + "\",\"source\":{\"token\":\"s3cr3t\",\"config\":{\"pat\":\"pat-123\"}}}";
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(id)
			.contentType("application/json")
			.deliveryMode(2)
			.headers(Map.of(Topology.ATTEMPT_HEADER, 4, "x-noterag-error", "Graph answered 503 three times",
					"__TypeId__", "io.noterag.shared.messaging.SyncRequested"))
			.build();
		this.channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
		String queue = exchange.isEmpty() ? routingKey : this.workQueue;
		GetResponse message = null;
		for (int i = 0; i < 50 && message == null; i++) {
			message = this.channel.basicGet(queue, false);
			if (message == null) {
				Thread.sleep(20);
			}
		}
		assertThat(message).isNotNull();
		long expected = this.channel.queueDeclarePassive(DLQ).getMessageCount() + 1;
		this.channel.basicNack(message.getEnvelope().getDeliveryTag(), false, false);
		for (int i = 0; i < 50 && this.channel.queueDeclarePassive(DLQ).getMessageCount() < expected; i++) {
			Thread.sleep(20);
		}
	}

	private List<GetResponse> drain(String queue) throws Exception {
		List<GetResponse> messages = new ArrayList<>();
		GetResponse message;
		while ((message = this.channel.basicGet(queue, true)) != null) {
			messages.add(message);
		}
		return messages;
	}

	private static Object toLongString(String value) {
		return com.rabbitmq.client.impl.LongStringHelper.asLongString(value);
	}

}
