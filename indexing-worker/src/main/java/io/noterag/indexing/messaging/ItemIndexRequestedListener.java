package io.noterag.indexing.messaging;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

import io.noterag.indexing.job.ItemProcessor;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.web.RequestIds;

/**
 * Consumes {@link ItemIndexRequested}, several at once: indexes or removes the item and
 * acknowledges once it is written and reported. A source that throttles is paused: its
 * item waits for the time the source asked, and its other items are set aside until then,
 * without counting an attempt, on this worker and (through document-service, which also
 * keeps the job from being taken for stuck meanwhile) on the others. Other failures are
 * tried again with back-off; after the last attempt the item is reported failed (so that
 * its job can finish) and the message dead-lettered.
 */
class ItemIndexRequestedListener {

	private final RetryingDelivery delivery;

	private final ItemProcessor processor;

	private final SourcePauses pauses;

	private final RetryProperties retry;

	ItemIndexRequestedListener(RetryingDelivery delivery, ItemProcessor processor, SourcePauses pauses,
			RetryProperties retry) {
		this.delivery = delivery;
		this.processor = processor;
		this.pauses = pauses;
		this.retry = retry;
	}

	@RabbitListener(id = "item-index-requested", queues = Topology.ITEM_QUEUE, ackMode = "MANUAL",
			containerFactory = "itemListenerContainerFactory")
	void on(ItemIndexRequested event, Message message, Channel channel) throws IOException {
		if (event != null && event.dataSourceId() != null) {
			Duration paused = this.pauses.remaining(event.dataSourceId());
			if (paused.isPositive()) {
				this.delivery.setAside(message, channel, paused);
				return;
			}
		}
		String requestId = message.getMessageProperties().getHeader(RequestIds.HEADER);
		try {
			this.delivery.handle(event, message, channel, ItemIndexRequestedListener::complete, (item) -> {
				MDC.put(RequestIds.MDC_KEY, RequestIds.isSane(requestId) ? requestId : item.jobId().toString());
				MDC.put("job_id", item.jobId().toString());
				this.processor.process(item);
			}, (item, wait) -> this.pauses.pause(item.dataSourceId(), wait),
					(item, ex) -> this.processor.reportFailed(item, "Failed after " + this.retry.maxAttempts()
							+ " attempts: " + ((ex.getMessage() != null) ? ex.getMessage() : ex.toString())));
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
			MDC.remove("job_id");
		}
	}

	private static boolean complete(ItemIndexRequested item) {
		return item.jobId() != null && item.dataSourceId() != null && item.item() != null;
	}

}
