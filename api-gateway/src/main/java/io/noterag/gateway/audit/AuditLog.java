package io.noterag.gateway.audit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.server.ServerWebExchange;

/** Writes the audit trail to {@code audit_logs}. */
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final boolean enabled;

	public AuditLog(JdbcTemplate jdbcTemplate, JsonMapper json, boolean enabled) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.json = json;
		this.enabled = enabled;
	}

	/**
	 * Records an entry; a failure to write it is logged, never passed on.
	 * @param entry the entry
	 * @return completes when written (or given up)
	 */
	public Mono<Void> record(AuditEntry entry) {
		if (!this.enabled) {
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> insert(entry)).subscribeOn(Schedulers.boundedElastic()).onErrorResume((ex) -> {
			log.warn("Could not write audit entry {}: {}", entry.action(), ex.getMessage());
			return Mono.empty();
		}).then();
	}

	/**
	 * Entries matching a filter, newest first; blocking.
	 * @param filter the filter
	 * @return one page and the number of all matching entries
	 */
	public AuditPage search(AuditFilter filter) {
		StringBuilder where = new StringBuilder(" WHERE TRUE");
		Map<String, Object> params = new HashMap<>();
		if (filter.userId() != null) {
			where.append(" AND user_id = :userId");
			params.put("userId", filter.userId());
		}
		if (filter.action() != null) {
			where.append(" AND action = :action");
			params.put("action", filter.action());
		}
		if (filter.from() != null) {
			where.append(" AND timestamp >= :from");
			params.put("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
		}
		if (filter.to() != null) {
			where.append(" AND timestamp < :to");
			params.put("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
		}
		long total = this.jdbc.sql("SELECT count(*) FROM audit_logs" + where).params(params).query(Long.class).single();
		params.put("limit", filter.limit());
		params.put("offset", filter.offset());
		List<AuditRecord> logs = this.jdbc.sql("""
				SELECT id, user_id, action, resource_type, resource_id, timestamp, host(ip_address) AS ip,
				       user_agent, details::text AS details
				FROM audit_logs""" + where + " ORDER BY timestamp DESC, id LIMIT :limit OFFSET :offset")
			.params(params)
			.query((rs, row) -> new AuditRecord(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
					rs.getObject("timestamp", OffsetDateTime.class).toInstant(), rs.getString("ip"),
					rs.getString("user_agent"), this.json.readValue(rs.getString("details"), DETAILS)))
			.list();
		return new AuditPage(logs, total);
	}

	private void insert(AuditEntry entry) {
		this.jdbc.sql("""
				INSERT INTO audit_logs (user_id, action, resource_type, resource_id, ip_address, user_agent, details)
				VALUES (:userId, :action, :resourceType, :resourceId, CAST(:ip AS INET), :userAgent,
				        CAST(:details AS JSONB))
				""")
			.param("userId", entry.userId())
			.param("action", entry.action())
			.param("resourceType", entry.resourceType())
			.param("resourceId", truncate(entry.resourceId(), 500))
			.param("ip", entry.ipAddress())
			.param("userAgent", truncate(entry.userAgent(), 1000))
			.param("details", this.json.writeValueAsString(entry.details()))
			.update();
	}

	/**
	 * The caller's address as the gateway sees it (behind a proxy, enable
	 * {@code server.forward-headers-strategy} so that this is the client's).
	 * @param exchange the exchange
	 * @return the address, or {@code null}
	 */
	public static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	public static String userAgent(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
	}

	/**
	 * The user id in a token subject, when it is one (services' subjects are not).
	 * @param subject the {@code sub} claim
	 * @return the id, or {@code null}
	 */
	public static UUID userIdOf(String subject) {
		if (subject == null) {
			return null;
		}
		try {
			return UUID.fromString(subject);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	/**
	 * Which entries to list.
	 *
	 * @param userId only this user's, or {@code null}
	 * @param action only this action, or {@code null}
	 * @param from from this instant on, or {@code null}
	 * @param to before this instant, or {@code null}
	 * @param limit at most this many
	 * @param offset skipping this many
	 */
	public record AuditFilter(UUID userId, String action, Instant from, Instant to, int limit, int offset) {

	}

	/**
	 * A stored entry (snake_case on the wire).
	 *
	 * @param id entry id
	 * @param userId the user concerned, may be {@code null}
	 * @param action the action
	 * @param resourceType kind of resource, may be {@code null}
	 * @param resourceId the resource, may be {@code null}
	 * @param timestamp when
	 * @param ipAddress the caller's address, may be {@code null}
	 * @param userAgent the caller's agent, may be {@code null}
	 * @param details further details
	 */
	public record AuditRecord(UUID id, UUID userId, String action, String resourceType, String resourceId,
			Instant timestamp, String ipAddress, String userAgent, Map<String, Object> details) {

	}

	/**
	 * One page of entries.
	 *
	 * @param logs the entries, newest first
	 * @param total how many entries match the filter
	 */
	public record AuditPage(List<AuditRecord> logs, long total) {

	}

}
