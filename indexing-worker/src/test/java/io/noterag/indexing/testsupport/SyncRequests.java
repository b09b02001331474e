package io.noterag.indexing.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.noterag.shared.messaging.Topology;

/**
 * Publishes sync requests as document-service's outbox relay does: the JSON of
 * {@code SyncRequested} with its type header, for an incremental sync.
 */
public final class SyncRequests {

	private SyncRequests() {
	}

	/**
	 * Publishes one sync request.
	 * @param rabbit the template of the worker's context
	 * @param jobId the job, already known to the document-service stub
	 * @param sourceId the data source
	 * @param sourceType its type, for example {@code onenote}
	 * @param requestId the {@code X-Request-ID} header to send, or {@code null} for none
	 */
	public static void publish(RabbitTemplate rabbit, UUID jobId, UUID sourceId, String sourceType, String requestId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setHeader("__TypeId__", "io.noterag.shared.messaging.SyncRequested");
		if (requestId != null) {
			properties.setHeader("X-Request-ID", requestId);
		}
		String json = """
				{"job_id":"%s","data_source_id":"%s","source_type":"%s","requested_at":"%s"}""".formatted(jobId,
				sourceId, sourceType, Instant.now());
		rabbit.send(Topology.INDEXING_EXCHANGE, Topology.SYNC_REQUESTED,
				MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8)).andProperties(properties).build());
	}

}
