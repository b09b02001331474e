package io.noterag.document.job;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The indexing worker's side of a job. A finished job refuses {@code start},
 * {@code progress}, {@code heartbeat}, {@code finish} and {@code plan} alike with 409,
 * and {@code items} unless the item was reported before it finished (a repeated report
 * answers the job). {@code heartbeat} (204) only tells that the worker is still busy with
 * the job, without counts, so that it can be sent while the source is being listed.
 */
@RestController
@RequestMapping("/internal/sync-jobs/{jobId}")
class InternalJobController {

	private final SyncJobs jobs;

	InternalJobController(SyncJobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping("/start")
	JobView start(@PathVariable UUID jobId) {
		return this.jobs.start(jobId);
	}

	@PutMapping("/progress")
	JobView progress(@PathVariable UUID jobId, @Valid @RequestBody JobReport report) {
		return this.jobs.progress(jobId, report);
	}

	@PostMapping("/heartbeat")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void heartbeat(@PathVariable UUID jobId) {
		this.jobs.heartbeat(jobId);
	}

	@PostMapping("/finish")
	JobView finish(@PathVariable UUID jobId, @Valid @RequestBody JobReport report) {
		return this.jobs.finish(jobId, report);
	}

	@PutMapping("/plan")
	JobView plan(@PathVariable UUID jobId, @Valid @RequestBody JobPlan plan) {
		return this.jobs.plan(jobId, plan);
	}

	@PostMapping("/items")
	JobView item(@PathVariable UUID jobId, @Valid @RequestBody ItemReport report) {
		return this.jobs.reportItem(jobId, report);
	}

}
