package io.noterag.gateway.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.gateway.audit.AuditLog.AuditFilter;
import io.noterag.gateway.audit.AuditLog.AuditPage;
import io.noterag.shared.web.ApiException;

/**
 * {@code GET /api/v2/admin/audit-logs} (admins only, enforced by the gateway's security):
 * the audit trail, newest first, filtered by user, action and time.
 */
@RestController
class AuditLogController {

	private final AuditLog auditLog;

	AuditLogController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/api/v2/admin/audit-logs")
	Mono<AuditPage> list(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(required = false) String action, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 1000) {
			return Mono.error(ApiException.badRequest("limit: must be between 1 and 1000."));
		}
		if (offset < 0) {
			return Mono.error(ApiException.badRequest("offset: must not be negative."));
		}
		AuditFilter filter = new AuditFilter(uuid(userId), (action != null && !action.isBlank()) ? action : null,
				instant("from", from, false), instant("to", to, true), limit, offset);
		return Mono.fromCallable(() -> this.auditLog.search(filter)).subscribeOn(Schedulers.boundedElastic());
	}

	private static UUID uuid(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("user_id: must be a UUID.");
		}
	}

	/**
	 * A date ({@code 2025-01-31}: a whole day, {@code to} inclusive) or an instant
	 * ({@code 2025-01-31T12:00:00Z}).
	 */
	private static Instant instant(String name, String value, boolean endOfRange) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (endOfRange ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest(name + ": must be a date (2025-01-31) or an instant (2025-01-31T12:00:00Z).");
		}
	}

}
