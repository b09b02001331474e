package io.noterag.document.job;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.web.ApiException;

/**
 * The items of a source that the indexing worker tries again on an incremental sync:
 * those whose most recent report was {@code failed}, the least recently tried first, at
 * most {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}). 404
 * when the source does not exist.
 */
@RestController
class InternalFailedItemsController {

	static final int DEFAULT_LIMIT = 1000;

	static final int MAX_LIMIT = 10000;

	private final SyncJobs jobs;

	InternalFailedItemsController(SyncJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/internal/sources/{sourceId}/failed-items")
	List<FailedItem> failedItems(@PathVariable UUID sourceId,
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT + ".");
		}
		return this.jobs.failedItems(sourceId, limit);
	}

}
