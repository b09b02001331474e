package io.noterag.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import io.noterag.shared.web.ApiException;

/**
 * Turns every failure of the gateway into a problem detail with the request id: the
 * caller's mistakes into 4xx naming the problem, a downstream service that is down,
 * missing or tripped into 503, one too slow into 504, and anything unexpected into a 500
 * that is logged here and says nothing about internals.
 */
public class ProblemExceptionHandler implements ErrorWebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private static final String UNEXPECTED = "The request failed unexpectedly. Quote the request id when reporting it.";

	private final ProblemResponses problems;

	public ProblemExceptionHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		// before Boot's DefaultErrorWebExceptionHandler (-1) and WebFlux's own (0)
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			log.debug("Failure after the response was committed on {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			return Mono.error(ex);
		}
		String service = routedService(exchange);
		if (ex instanceof ProblemException problem) {
			exchange.getResponse().getHeaders().addAll(problem.getHeaders());
			return this.problems.write(exchange, problem.getStatus(), problem.getTitle(), problem.getMessage(),
					problem.getExtra());
		}
		if (ex instanceof ApiException api) {
			return this.problems.write(exchange, api.getStatus(), api.getTitle(), api.getMessage());
		}
		if (ex instanceof WebExchangeBindException bind) {
			Map<String, String> errors = new LinkedHashMap<>();
			bind.getFieldErrors().forEach((e) -> errors.putIfAbsent(e.getField(), e.getDefaultMessage()));
			bind.getGlobalErrors().forEach((e) -> errors.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
			String detail = errors.isEmpty() ? "The request is not valid." : String.join("; ",
					errors.entrySet().stream().map((e) -> e.getKey() + ": " + e.getValue()).toList());
			return this.problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request", detail,
					Map.of("errors", errors));
		}
		if (ex instanceof PayloadTooLargeException || causedBy(ex, DataBufferLimitException.class)) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
					"The request body is larger than the configured limit.");
		}
		if (ex instanceof ServerWebInputException input) {
			boolean body = causedBy(ex, DecodingException.class)
					|| (input.getReason() != null && input.getReason().toLowerCase().contains("body"));
			return body
					? this.problems.write(exchange, HttpStatus.BAD_REQUEST, "Malformed request body",
							"The request body is missing or is not valid JSON of the expected shape.")
					: this.problems.write(exchange, HttpStatus.BAD_REQUEST, "Bad request",
							(input.getReason() != null) ? input.getReason() : "The request is not valid.");
		}
		if (ex instanceof NotFoundException) {
			log.warn("No instance available for {}", service);
			return unavailable(exchange, service, "No instance of the " + service + " is available.");
		}
		if (ex instanceof ServiceUnavailableException || causedBy(ex, CallNotPermittedException.class)) {
			return unavailable(exchange, service,
					"The " + service + " is failing; calls are paused for a moment (circuit open).");
		}
		if (ex instanceof TimeoutException || causedBy(ex, TimeoutException.class)) {
			log.warn("{} did not answer in time: {}", service, ex.getMessage());
			return this.problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
					"The " + service + " did not answer in time.");
		}
		if (service != null && (causedBy(ex, ConnectException.class) || causedBy(ex, IOException.class))) {
			log.warn("{} could not be reached: {}", service, ex.toString());
			return unavailable(exchange, service, "The " + service + " could not be reached.");
		}
		if (ex instanceof ResponseStatusException status) {
			return statusProblem(exchange, status, service);
		}
		if (ex instanceof AuthenticationException) {
			return this.problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"A valid bearer token is required.");
		}
		if (ex instanceof AccessDeniedException) {
			return this.problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
					"Your role does not allow this operation.");
		}
		log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
				ex);
		return this.problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", UNEXPECTED);
	}

	private Mono<Void> statusProblem(ServerWebExchange exchange, ResponseStatusException ex, String service) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String detail = switch (status) {
			case NOT_FOUND -> "No resource at this path.";
			case METHOD_NOT_ALLOWED -> "This method is not supported at this path.";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported at this path.";
			case NOT_ACCEPTABLE -> "No acceptable representation is available.";
			case SERVICE_UNAVAILABLE -> "The " + ((service != null) ? service : "service") + " is unavailable.";
			case GATEWAY_TIMEOUT -> "The " + ((service != null) ? service : "service") + " did not answer in time.";
			default -> status.is5xxServerError() ? UNEXPECTED
					: (ex.getReason() != null) ? ex.getReason() : status.getReasonPhrase();
		};
		if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
			log.error("Failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		}
		return this.problems.write(exchange, status, status.getReasonPhrase(), detail);
	}

	private Mono<Void> unavailable(ServerWebExchange exchange, String service, String detail) {
		exchange.getResponse().getHeaders().set("Retry-After", "5");
		return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail,
				(service != null) ? Map.of("service", service) : Map.of());
	}

	private static String routedService(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : null;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				return false;
			}
		}
		return false;
	}

}
