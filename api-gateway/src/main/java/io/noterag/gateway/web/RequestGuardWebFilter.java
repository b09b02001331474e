package io.noterag.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers before security and routing: the services' {@code /internal/**} API does not
 * exist from the outside (404, whatever the caller's token), and a body larger than the
 * limit is refused (413): at once when its {@code Content-Length} says so, as soon as the
 * limit is passed when it is streamed without one.
 */
public class RequestGuardWebFilter implements WebFilter, Ordered {

	private final ProblemResponses problems;

	private final DataSize maxRequestSize;

	public RequestGuardWebFilter(ProblemResponses problems, DataSize maxRequestSize) {
		this.problems = problems;
		this.maxRequestSize = maxRequestSize;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path.equals("/internal") || path.startsWith("/internal/")) {
			return this.problems.write(exchange, HttpStatus.NOT_FOUND, HttpStatus.NOT_FOUND.getReasonPhrase(),
					"No resource at this path.");
		}
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.maxRequestSize.toBytes()) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
					"The request body is larger than the limit of " + describe(this.maxRequestSize) + ".");
		}
		if (length < 0) {
			// no Content-Length (chunked): count the bytes as they stream through
			return chain.filter(exchange.mutate().request(new LimitedBodyRequest(exchange.getRequest())).build());
		}
		return chain.filter(exchange);
	}

	private final class LimitedBodyRequest extends ServerHttpRequestDecorator {

		LimitedBodyRequest(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			long max = RequestGuardWebFilter.this.maxRequestSize.toBytes();
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > max) {
					DataBufferUtils.release(buffer);
					sink.error(new DataBufferLimitException("Request body over " + max + " bytes"));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

	private static String describe(DataSize size) {
		return (size.toMegabytes() >= 1) ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

}
