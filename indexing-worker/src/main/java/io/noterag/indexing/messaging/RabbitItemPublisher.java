package io.noterag.indexing.messaging;

import java.util.List;

import org.slf4j.MDC;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.noterag.indexing.job.ItemPublisher;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.web.RequestIds;

/**
 * Publishes item messages as persistent messages on one channel, waiting for the broker's
 * confirmations after each batch.
 */
class RabbitItemPublisher implements ItemPublisher {

	private final RabbitTemplate rabbit;

	private final int batchSize;

	RabbitItemPublisher(RabbitTemplate rabbit, int batchSize) {
		this.rabbit = rabbit;
		this.batchSize = batchSize;
	}

	@Override
	public void publish(List<ItemIndexRequested> items) {
		if (items.isEmpty()) {
			return;
		}
		String requestId = MDC.get(RequestIds.MDC_KEY);
		this.rabbit.invoke((operations) -> {
			int sinceConfirm = 0;
			for (ItemIndexRequested item : items) {
				operations.convertAndSend(Topology.INDEXING_EXCHANGE, Topology.ITEM_INDEX_REQUESTED, item,
						(message) -> {
							message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
							if (requestId != null) {
								message.getMessageProperties().setHeader(RequestIds.HEADER, requestId);
							}
							return message;
						});
				if (++sinceConfirm >= this.batchSize) {
					operations.waitForConfirmsOrDie(30_000);
					sinceConfirm = 0;
				}
			}
			operations.waitForConfirmsOrDie(30_000);
			return null;
		});
	}

}
