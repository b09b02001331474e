/**
 * The audit trail ({@code audit_logs}, as in the specification): sign-ins, refreshes,
 * detected refresh-token reuse and logouts, and the routed requests that matter to an
 * auditor (questions asked, documents read, deletions, administrative changes), each with
 * the user, the resource, the caller's address and agent, the status and the request id.
 * Writing an entry never fails or delays the request it describes. Admins read the trail
 * at {@code GET /api/v2/admin/audit-logs}.
 */
package io.noterag.gateway.audit;
