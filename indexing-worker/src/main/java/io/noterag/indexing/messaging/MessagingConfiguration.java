package io.noterag.indexing.messaging;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.indexing.job.DataSourceCleaner;
import io.noterag.indexing.job.SyncJobRunner;
import io.noterag.shared.messaging.Topology;

/**
 * The RabbitMQ side of the worker: the topology it consumes from (declared the same way
 * by document-service, which produces), JSON messages read with the application's
 * snake_case {@link JsonMapper}, and the listeners.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryProperties.class)
class MessagingConfiguration {

	@Bean
	Declarables indexingTopology() {
		TopicExchange indexing = new TopicExchange(Topology.INDEXING_EXCHANGE, true, false);
		DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
		DirectExchange retries = new DirectExchange(Topology.RETRY_EXCHANGE, true, false);
		Queue sync = QueueBuilder.durable(Topology.SYNC_QUEUE)
			.deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
			.build();
		Queue syncDeadLetters = QueueBuilder.durable(Topology.SYNC_DEAD_LETTER_QUEUE).build();
		Queue deleted = QueueBuilder.durable(Topology.SOURCE_DELETED_QUEUE)
			.deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
			.build();
		Queue deletedDeadLetters = QueueBuilder.durable(Topology.SOURCE_DELETED_DEAD_LETTER_QUEUE).build();
		Queue retry = QueueBuilder.durable(Topology.RETRY_QUEUE).deadLetterExchange(Topology.INDEXING_EXCHANGE).build();
		Binding syncBinding = BindingBuilder.bind(sync).to(indexing).with(Topology.SYNC_REQUESTED);
		Binding syncDeadLetterBinding = BindingBuilder.bind(syncDeadLetters)
			.to(deadLetters)
			.with(Topology.SYNC_REQUESTED);
		Binding deletedBinding = BindingBuilder.bind(deleted).to(indexing).with(Topology.SOURCE_DELETED);
		Binding deletedDeadLetterBinding = BindingBuilder.bind(deletedDeadLetters)
			.to(deadLetters)
			.with(Topology.SOURCE_DELETED);
		Binding retrySync = BindingBuilder.bind(retry).to(retries).with(Topology.SYNC_REQUESTED);
		Binding retryDeleted = BindingBuilder.bind(retry).to(retries).with(Topology.SOURCE_DELETED);
		return new Declarables(indexing, deadLetters, retries, sync, syncDeadLetters, deleted, deletedDeadLetters,
				retry, syncBinding, syncDeadLetterBinding, deletedBinding, deletedDeadLetterBinding, retrySync,
				retryDeleted);
	}

	@Bean
	MessageConverter jacksonJsonMessageConverter(JsonMapper jsonMapper) {
		JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(jsonMapper);
		converter.setAlwaysConvertToInferredType(true);
		return converter;
	}

	@Bean
	RetryingDelivery retryingDelivery(RabbitTemplate rabbitTemplate, RetryProperties retry) {
		return new RetryingDelivery(rabbitTemplate, retry);
	}

	@Bean
	SyncRequestedListener syncRequestedListener(RetryingDelivery delivery, SyncJobRunner runner,
			RetryProperties retry) {
		return new SyncRequestedListener(delivery, runner, retry);
	}

	@Bean
	DataSourceDeletedListener dataSourceDeletedListener(RetryingDelivery delivery, DataSourceCleaner cleaner) {
		return new DataSourceDeletedListener(delivery, cleaner);
	}

}
