package io.noterag.indexing.messaging;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

import io.noterag.indexing.job.JobFailedException;
import io.noterag.indexing.job.SyncJobRunner;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.web.RequestIds;

/**
 * Consumes {@link SyncRequested}: lists the source and publishes its items, acknowledged
 * once the items are confirmed by the broker. A source that throttles its listing beyond
 * what its plugin waits for is paused like one that throttles an item (so
 * document-service knows the job waits) and the request is tried again after the wait. A
 * sync that fails for a reason that may pass is tried again with back-off; after the last
 * attempt the job is marked failed and the message dead-lettered.
 */
class SyncRequestedListener {

	private final RetryingDelivery delivery;

	private final SyncJobRunner runner;

	private final RetryProperties retry;

	private final SourcePauses pauses;

	SyncRequestedListener(RetryingDelivery delivery, SyncJobRunner runner, RetryProperties retry, SourcePauses pauses) {
		this.delivery = delivery;
		this.runner = runner;
		this.retry = retry;
		this.pauses = pauses;
	}

	@RabbitListener(id = "sync-requested", queues = Topology.SYNC_QUEUE, ackMode = "MANUAL", concurrency = "1")
	void on(SyncRequested event, Message message, Channel channel) throws IOException {
		String requestId = message.getMessageProperties().getHeader(RequestIds.HEADER);
		try {
			this.delivery.handle(event, message, channel,
					(request) -> request.jobId() != null && request.dataSourceId() != null, (request) -> {
						MDC.put(RequestIds.MDC_KEY,
								RequestIds.isSane(requestId) ? requestId : request.jobId().toString());
						MDC.put("job_id", request.jobId().toString());
						this.runner.run(request);
					}, (request, wait) -> this.pauses.pause(request.dataSourceId(), wait), this::lastAttemptFailed);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
			MDC.remove("job_id");
		}
	}

	private void lastAttemptFailed(SyncRequested request, RuntimeException ex) {
		String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		this.runner.markFailed(request, (ex instanceof JobFailedException failed) ? failed.progress() : null,
				"Failed after " + this.retry.maxAttempts() + " attempts: " + reason);
	}

}
