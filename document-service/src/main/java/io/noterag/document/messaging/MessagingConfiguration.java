package io.noterag.document.messaging;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.messaging.Topology;

/**
 * The RabbitMQ topology this service publishes into, declared by the producer as well as
 * by the consumer (same names and arguments on both sides), and the JSON converter.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	JacksonJsonMessageConverter jacksonJsonMessageConverter(JsonMapper jsonMapper) {
		return new JacksonJsonMessageConverter(jsonMapper, "io.noterag.shared.messaging",
				"io.noterag.document.messaging");
	}

	@Bean
	RabbitTemplateCustomizer returnedMessagesAreReportedByTheRelay() {
		// the outbox relay reads a returned (unroutable) message from its correlation
		// data
		// and records it on the row; nothing more to do here
		return (template) -> template.setReturnsCallback((returned) -> {
		});
	}

	@Bean
	RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		// a declaration the broker refuses (another service declared it differently) must
		// not stop publishing into what does exist
		admin.setIgnoreDeclarationExceptions(true);
		return admin;
	}

	@Bean
	Declarables indexingTopology() {
		TopicExchange indexing = ExchangeBuilder.topicExchange(Topology.INDEXING_EXCHANGE).durable(true).build();
		// the same types and arguments as indexing-worker declares: the broker refuses a
		// second declaration that differs
		DirectExchange deadLetters = ExchangeBuilder.directExchange(Topology.DEAD_LETTER_EXCHANGE)
			.durable(true)
			.build();
		Queue sync = QueueBuilder.durable(Topology.SYNC_QUEUE)
			.deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
			.build();
		Queue syncDeadLetters = QueueBuilder.durable(Topology.SYNC_DEAD_LETTER_QUEUE).build();
		Queue sourceDeleted = QueueBuilder.durable(Topology.SOURCE_DELETED_QUEUE)
			.deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
			.build();
		Queue sourceDeletedDeadLetters = QueueBuilder.durable(Topology.SOURCE_DELETED_DEAD_LETTER_QUEUE).build();
		Binding syncBinding = BindingBuilder.bind(sync).to(indexing).with(Topology.SYNC_REQUESTED);
		Binding syncDeadLetterBinding = BindingBuilder.bind(syncDeadLetters)
			.to(deadLetters)
			.with(Topology.SYNC_REQUESTED);
		Binding sourceDeletedBinding = BindingBuilder.bind(sourceDeleted).to(indexing).with(Topology.SOURCE_DELETED);
		Binding sourceDeletedDeadLetterBinding = BindingBuilder.bind(sourceDeletedDeadLetters)
			.to(deadLetters)
			.with(Topology.SOURCE_DELETED);
		return new Declarables(indexing, deadLetters, sync, syncDeadLetters, sourceDeleted, sourceDeletedDeadLetters,
				syncBinding, syncDeadLetterBinding, sourceDeletedBinding, sourceDeletedDeadLetterBinding);
	}

}
