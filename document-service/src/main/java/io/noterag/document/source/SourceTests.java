package io.noterag.document.source;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Tests a source now ("authenticate now") through the indexing worker, outside any
 * database transaction, and records the outcome as the source's status.
 */
@Component
class SourceTests {

	private static final Logger log = LoggerFactory.getLogger(SourceTests.class);

	private final SourceService sources;

	private final IndexingWorkerClient worker;

	SourceTests(SourceService sources, IndexingWorkerClient worker) {
		this.sources = sources;
		this.worker = worker;
	}

	SourceTestResult test(UUID id) {
		SourceDetails source = this.sources.details(id);
		SourceTestResult result = this.worker.test(source);
		SourceStatus status = result.ok() ? SourceStatus.OK
				: result.reconnectRequired() ? SourceStatus.NEEDS_RECONNECT : SourceStatus.ERROR;
		log.info("Test of data source {}: {}", id, result.ok() ? "ok" : status.value());
		this.sources.updateStatus(id, status, result.error());
		return result;
	}

}
