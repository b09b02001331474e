package io.noterag.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.noterag.shared.web.RequestIds;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) with the request id
 * and the path, for every answer the gateway gives on its own behalf: security failures,
 * guards, and errors.
 */
public class ProblemResponses {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
		return write(exchange, status, title, detail, Map.of());
	}

	/**
	 * Writes a problem detail as the response of an exchange.
	 * @param exchange the exchange
	 * @param status the status
	 * @param title short summary of the kind of problem
	 * @param detail what went wrong with this request, for the caller
	 * @param extra further members of the problem, e.g. {@code errors}
	 * @return completes when written; nothing is written when the response was already
	 * committed
	 */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail,
			Map<String, ?> extra) {
		ServerHttpResponse response = exchange.getResponse();
		String requestId = RequestIdWebFilter.requestId(exchange);
		if (response.isCommitted()) {
			log.debug("Response already committed, cannot answer {} {}", status.value(), detail);
			return Mono.empty();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		if (requestId != null) {
			body.put(RequestIds.MDC_KEY, requestId);
		}
		body.putAll(extra);
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(bytes.length);
		headers.setCacheControl("no-store");
		if (requestId != null) {
			headers.set(RequestIds.HEADER, requestId);
		}
		if (status == HttpStatus.CONTENT_TOO_LARGE) {
			// the rest of the body is never read: a client must not send its next request
			// on this connection (RFC 9110, 15.5.14)
			headers.set(HttpHeaders.CONNECTION, "close");
		}
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
