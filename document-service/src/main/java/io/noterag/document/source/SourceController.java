package io.noterag.document.source;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.document.job.JobPage;
import io.noterag.document.job.JobView;
import io.noterag.document.job.SyncJobs;
import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.web.ApiException;

/** The administrators' API of data sources and their sync jobs. */
@RestController
@RequestMapping("/api/v2/admin/sources")
@PreAuthorize("hasRole('ADMIN')")
class SourceController {

	private final SourceService sources;

	private final SourceTests tests;

	private final OneNoteConnections connections;

	private final SyncJobs jobs;

	SourceController(SourceService sources, SourceTests tests, OneNoteConnections connections, SyncJobs jobs) {
		this.sources = sources;
		this.tests = tests;
		this.connections = connections;
		this.jobs = jobs;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SourceView create(@Valid @RequestBody CreateSourceRequest request, HttpServletResponse response) {
		SourceView source = this.sources.create(request, adminId());
		response.setHeader(HttpHeaders.LOCATION, "/api/v2/admin/sources/" + source.id());
		return source;
	}

	@GetMapping
	SourceList list(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
			@RequestParam(defaultValue = "0") @Min(0) int offset) {
		return this.sources.list(limit, offset);
	}

	@GetMapping("/{id}")
	SourceView get(@PathVariable UUID id) {
		return this.sources.get(id);
	}

	@PatchMapping("/{id}")
	SourceView update(@PathVariable UUID id, @Valid @RequestBody UpdateSourceRequest request) {
		return this.sources.update(id, request);
	}

	@PostMapping("/{id}/test")
	SourceTestResult test(@PathVariable UUID id) {
		return this.tests.test(id);
	}

	@PostMapping("/{id}/sync")
	@ResponseStatus(HttpStatus.ACCEPTED)
	JobView sync(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean full) {
		return this.sources.requestSync(id, full);
	}

	@PostMapping("/{id}/connect")
	AuthorizationRedirect connect(@PathVariable UUID id) {
		return this.connections.start(id, adminId());
	}

	@GetMapping("/{id}/jobs")
	JobPage jobs(@PathVariable UUID id, @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
			@RequestParam(defaultValue = "0") @Min(0) int offset) {
		this.sources.get(id);
		return this.jobs.listOf(id, limit, offset);
	}

	@DeleteMapping("/{id}")
	Map<String, Boolean> delete(@PathVariable UUID id) {
		this.sources.delete(id);
		return Map.of("success", true);
	}

	@ExceptionHandler(InvalidSourceConfigException.class)
	ResponseEntity<ProblemDetail> invalidConfig(InvalidSourceConfigException ex, HttpServletRequest request) {
		return SourceProblems.invalid(ex, request);
	}

	private static UUID adminId() {
		CurrentUser user = CurrentUser.current();
		try {
			return UUID.fromString(user.id());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiException.forbidden("Only a person's account can own or connect a data source.");
		}
	}

}
