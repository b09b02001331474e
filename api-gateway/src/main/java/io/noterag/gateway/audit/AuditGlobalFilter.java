package io.noterag.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.noterag.gateway.web.RequestIdWebFilter;

/**
 * Audits the routed requests an auditor asks about, once each has been answered:
 * questions ({@code query}), reading one document ({@code document_access}), changes
 * under {@code /api/v2/admin} ({@code admin_action}) and deletions ({@code delete}).
 * Other requests (listings, reads of one's own conversations) are not audited. The entry
 * is written after the response, off the request's path.
 */
public class AuditGlobalFilter implements GlobalFilter, Ordered {

	private static final PathPattern QUERY = PathPatternParser.defaultInstance.parse("/api/v2/query/**");

	private static final PathPattern DOCUMENT = PathPatternParser.defaultInstance.parse("/api/v2/documents/{id}");

	private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/api/v2/admin/**");

	private static final PathPattern RESOURCE = PathPatternParser.defaultInstance.parse("/api/v2/{type}/{id}/{*rest}");

	private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private final AuditLog auditLog;

	public AuditGlobalFilter(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Classified what = classify(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().pathWithinApplication());
		if (what == null) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		return exchange.getPrincipal()
			.map((principal) -> (principal instanceof JwtAuthenticationToken jwt) ? jwt.getToken().getSubject() : "")
			.defaultIfEmpty("")
			.flatMap((subject) -> chain.filter(exchange).doFinally((signal) -> write(exchange, what, subject, start)));
	}

	private void write(ServerWebExchange exchange, Classified what, String subject, long start) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("method", exchange.getRequest().getMethod().name());
		details.put("path", exchange.getRequest().getPath().value());
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		details.put("status", (status != null) ? status.value() : null);
		details.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
		details.put("request_id", RequestIdWebFilter.requestId(exchange));
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null) {
			details.put("service", route.getId());
		}
		if (!subject.isEmpty() && AuditLog.userIdOf(subject) == null) {
			details.put("subject", subject);
		}
		this.auditLog
			.record(new AuditEntry(AuditLog.userIdOf(subject), what.action(), what.resourceType(), what.resourceId(),
					AuditLog.clientAddress(exchange), AuditLog.userAgent(exchange), details))
			.subscribe();
	}

	static Classified classify(HttpMethod method, PathContainer path) {
		if (HttpMethod.POST.equals(method) && QUERY.matches(path)) {
			return new Classified("query", "query", null);
		}
		if (HttpMethod.GET.equals(method)) {
			PathPattern.PathMatchInfo document = DOCUMENT.matchAndExtract(path);
			return (document != null && !"search".equals(document.getUriVariables().get("id")))
					? new Classified("document_access", "document", document.getUriVariables().get("id")) : null;
		}
		if (!CHANGES.contains(method)) {
			return null;
		}
		if (ADMIN.matches(path)) {
			return new Classified("admin_action", "admin", path.value());
		}
		if (HttpMethod.DELETE.equals(method)) {
			PathPattern.PathMatchInfo resource = RESOURCE.matchAndExtract(path);
			return (resource != null) ? new Classified("delete", resource.getUriVariables().get("type"),
					resource.getUriVariables().get("id")) : new Classified("delete", null, path.value());
		}
		return null;
	}

	record Classified(String action, String resourceType, String resourceId) {

	}

}
