package io.noterag.indexing.messaging;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.indexing.catalog.DocumentServiceProperties;
import io.noterag.indexing.job.DataSourceCleaner;
import io.noterag.indexing.job.ItemProcessor;
import io.noterag.indexing.job.ItemPublisher;
import io.noterag.indexing.job.JobProperties;
import io.noterag.indexing.job.SyncJobRunner;
import io.noterag.shared.messaging.Topology;

/**
 * The RabbitMQ side of the worker: the topology it consumes from (the sync and deletion
 * queues declared with the same arguments as document-service, which produces), one retry
 * queue per delay tier, the queue where items of a throttled source wait, one dead-letter
 * queue per work queue, JSON messages read with the application's snake_case
 * {@link JsonMapper}, and the listeners.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RetryProperties.class, ItemConsumerProperties.class, PauseProperties.class })
class MessagingConfiguration {

	@Bean
	Declarables indexingTopology(RetryProperties retry) {
		List<Declarable> declarables = new ArrayList<>();
		TopicExchange indexing = new TopicExchange(Topology.INDEXING_EXCHANGE, true, false);
		DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
		HeadersExchange waiting = new HeadersExchange(Topology.RETRY_DELAY_EXCHANGE, true, false);
		declarables.addAll(List.of(indexing, deadLetters, waiting));
		for (String routingKey : Topology.WORK_ROUTING_KEYS) {
			Queue work = QueueBuilder.durable(workQueue(routingKey))
				.deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
				.build();
			Queue dead = QueueBuilder.durable(Topology.deadLetterQueue(routingKey)).build();
			declarables.addAll(List.of(work, dead, BindingBuilder.bind(work).to(indexing).with(routingKey),
					BindingBuilder.bind(dead).to(deadLetters).with(routingKey)));
		}
		for (Duration delay : retry.tiers()) {
			declarables.addAll(waitingQueue(Topology.retryQueue(delay), delay, waiting));
		}
		declarables.addAll(waitingQueue(Topology.THROTTLED_QUEUE, null, waiting));
		return new Declarables(declarables);
	}

	private static String workQueue(String routingKey) {
		return switch (routingKey) {
			case Topology.SYNC_REQUESTED -> Topology.SYNC_QUEUE;
			case Topology.ITEM_INDEX_REQUESTED -> Topology.ITEM_QUEUE;
			case Topology.SOURCE_DELETED -> Topology.SOURCE_DELETED_QUEUE;
			default -> throw new IllegalStateException(routingKey);
		};
	}

	/**
	 * A queue nobody consumes: its messages expire (after the queue's time to live or
	 * their own) and go back to the indexing exchange with their own routing key.
	 */
	private static List<Declarable> waitingQueue(String name, Duration ttl, HeadersExchange waiting) {
		QueueBuilder builder = QueueBuilder.durable(name).deadLetterExchange(Topology.INDEXING_EXCHANGE);
		if (ttl != null) {
			builder.ttl((int) Math.min(Integer.MAX_VALUE, ttl.toMillis()));
		}
		Queue queue = builder.build();
		Binding binding = BindingBuilder.bind(queue)
			.to(waiting)
			.whereAll(Map.<String, Object>of(Topology.RETRY_TIER_HEADER, name))
			.match();
		return List.of(queue, binding);
	}

	@Bean
	MessageConverter jacksonJsonMessageConverter(JsonMapper jsonMapper) {
		JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(jsonMapper);
		converter.setAlwaysConvertToInferredType(true);
		return converter;
	}

	@Bean
	SimpleRabbitListenerContainerFactory itemListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ItemConsumerProperties items) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setConcurrentConsumers(items.consumers());
		factory.setMaxConcurrentConsumers(items.consumers());
		factory.setPrefetchCount(1);
		return factory;
	}

	@Bean
	RetryingDelivery retryingDelivery(RabbitTemplate rabbitTemplate, RetryProperties retry) {
		return new RetryingDelivery(rabbitTemplate, retry);
	}

	@Bean
	ItemPublisher itemPublisher(RabbitTemplate rabbitTemplate, JobProperties job) {
		return new RabbitItemPublisher(rabbitTemplate, job.publishBatchSize());
	}

	@Bean
	SourcePauses sourcePauses(PauseProperties pauses, DocumentServiceProperties services,
			RestClient.Builder restClient) {
		if (!pauses.shared()) {
			return new SourcePauses(Clock.systemUTC());
		}
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(pauses.timeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(pauses.timeout());
		SharedPauses shared = new DocumentServiceSharedPauses(
				restClient.clone().baseUrl(services.documentUrl()).requestFactory(requestFactory).build());
		return new SourcePauses(Clock.systemUTC(), shared, pauses.refreshInterval());
	}

	@Bean
	SyncRequestedListener syncRequestedListener(RetryingDelivery delivery, SyncJobRunner runner, RetryProperties retry,
			SourcePauses pauses) {
		return new SyncRequestedListener(delivery, runner, retry, pauses);
	}

	@Bean
	ItemIndexRequestedListener itemIndexRequestedListener(RetryingDelivery delivery, ItemProcessor processor,
			SourcePauses pauses, RetryProperties retry) {
		return new ItemIndexRequestedListener(delivery, processor, pauses, retry);
	}

	@Bean
	DataSourceDeletedListener dataSourceDeletedListener(RetryingDelivery delivery, DataSourceCleaner cleaner) {
		return new DataSourceDeletedListener(delivery, cleaner);
	}

}
