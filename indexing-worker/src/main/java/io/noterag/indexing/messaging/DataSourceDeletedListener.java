package io.noterag.indexing.messaging;

import io.noterag.shared.messaging.DataSourceDeleted;
import io.noterag.shared.messaging.Topology;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

import io.noterag.indexing.job.DataSourceCleaner;
import io.noterag.shared.web.RequestIds;

/**
 * Consumes {@link DataSourceDeleted}: removes the source's chunks from the index and its
 * images from multimodal-service, then acknowledges; retried with back-off like sync
 * requests when either fails.
 */
class DataSourceDeletedListener {

	private static final Logger logger = LoggerFactory.getLogger(DataSourceDeletedListener.class);

	private final RetryingDelivery delivery;

	private final DataSourceCleaner cleaner;

	DataSourceDeletedListener(RetryingDelivery delivery, DataSourceCleaner cleaner) {
		this.delivery = delivery;
		this.cleaner = cleaner;
	}

	@RabbitListener(id = "source-deleted", queues = Topology.SOURCE_DELETED_QUEUE, ackMode = "MANUAL",
			concurrency = "1")
	void on(DataSourceDeleted deleted, Message message, Channel channel) throws IOException {
		String requestId = message.getMessageProperties().getHeader(RequestIds.HEADER);
		try {
			this.delivery.handle(deleted, message, channel, (event) -> event.dataSourceId() != null, (event) -> {
				MDC.put(RequestIds.MDC_KEY, RequestIds.isSane(requestId) ? requestId : event.dataSourceId().toString());
				this.cleaner.deleteDataSource(event.dataSourceId());
			}, (event, wait) -> {
			}, (event, ex) -> logger.error("Could not remove the chunks and images of deleted data source {}",
					event.dataSourceId()));
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
