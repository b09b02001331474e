package io.noterag.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.noterag.shared.web.RequestIds;

/**
 * Runs first on every exchange: keeps a sane incoming {@code X-Request-ID} or makes one,
 * sends it downstream, echoes it in the response, puts it in the Reactor context (and so
 * in the MDC of every log line written while serving the request), turns any error into a
 * problem detail, and writes one access log line when the exchange ends.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the request id. */
	public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

	private static final Logger accessLog = LoggerFactory.getLogger("io.noterag.gateway.access");

	private final ProblemExceptionHandler errors;

	public RequestIdWebFilter(ProblemExceptionHandler errors) {
		this.errors = errors;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		String id = RequestIds.keepOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(ATTRIBUTE, id);
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(RequestIds.HEADER, id))
			.build();
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(RequestIds.HEADER, id);
		// a downstream service echoes the id too: keep exactly one value
		response.beforeCommit(() -> {
			response.getHeaders().set(RequestIds.HEADER, id);
			return Mono.empty();
		});
		ServerWebExchange mutated = exchange.mutate().request(request).build();
		return chain.filter(mutated)
			.onErrorResume((ex) -> this.errors.handle(mutated, ex))
			.doFinally((signal) -> log(mutated, id, start, signal))
			.contextWrite(Context.of(RequestIds.MDC_KEY, id));
	}

	/**
	 * The request id of an exchange.
	 * @param exchange the exchange
	 * @return the id, or {@code null} before this filter ran
	 */
	public static String requestId(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	private static void log(ServerWebExchange exchange, String id, long start, SignalType signal) {
		if (!accessLog.isInfoEnabled()) {
			return;
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		String outcome = (signal == SignalType.CANCEL) ? "cancelled"
				: String.valueOf((status != null) ? status.value() : 200);
		String previous = MDC.get(RequestIds.MDC_KEY);
		MDC.put(RequestIds.MDC_KEY, id);
		try {
			accessLog.info("{} {} {} {}ms request_id={}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), outcome, millis, id);
		}
		finally {
			if (previous != null) {
				MDC.put(RequestIds.MDC_KEY, previous);
			}
			else {
				MDC.remove(RequestIds.MDC_KEY);
			}
		}
	}

}
