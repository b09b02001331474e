package io.noterag.document.job;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The indexing worker's side of a job. A finished job refuses {@code start},
 * {@code progress} and {@code finish} alike with 409.
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

	@PostMapping("/finish")
	JobView finish(@PathVariable UUID jobId, @Valid @RequestBody JobReport report) {
		return this.jobs.finish(jobId, report);
	}

}
