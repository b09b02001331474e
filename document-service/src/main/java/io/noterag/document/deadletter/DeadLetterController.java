package io.noterag.document.deadletter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The administrators' API of dead-letter queues. */
@RestController
@RequestMapping("/api/v2/admin/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	DeadLetterList list(@RequestParam(required = false) @Min(0) @Max(100) Integer limit) {
		return this.deadLetters.list(limit);
	}

	@PostMapping("/{queue}/redrive")
	Redrive redrive(@PathVariable String queue, @RequestParam(defaultValue = "100") @Min(1) @Max(10000) int limit) {
		return this.deadLetters.redrive(queue, limit);
	}

}
