package io.noterag.gateway.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One line of the audit trail.
 *
 * @param userId the user concerned, {@code null} when none (a service, an anonymous
 * caller)
 * @param action e.g. {@code login}, {@code query}, {@code admin_action}
 * @param resourceType kind of the resource acted on, may be {@code null}
 * @param resourceId the resource, may be {@code null}
 * @param ipAddress the caller's address, may be {@code null}
 * @param userAgent the caller's agent, may be {@code null}
 * @param details anything else worth keeping (status, request id...); never a secret
 */
public record AuditEntry(UUID userId, String action, String resourceType, String resourceId, String ipAddress,
		String userAgent, Map<String, Object> details) {

}
