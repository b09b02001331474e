package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * langchain4j's HTTP client port on the JDK's client, for one attempt: it keeps the
 * {@code Retry-After} of error answers (langchain4j's own client drops the headers),
 * applies the attempt's timeout, reads streamed answers on a virtual thread and lets the
 * {@link CallScope} close the connection.
 */
final class CallHttpClient implements HttpClient {

	private static final int MAX_ERROR_BODY = 4000;

	private final java.net.http.HttpClient client;

	private final Duration timeout;

	private final CallScope scope;

	CallHttpClient(java.net.http.HttpClient client, Duration timeout, CallScope scope) {
		this.client = client;
		this.timeout = timeout;
		this.scope = scope;
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		CompletableFuture<HttpResponse<String>> future = this.client.sendAsync(toJdkRequest(request),
				BodyHandlers.ofString(StandardCharsets.UTF_8));
		this.scope.pending(future);
		HttpResponse<String> response = await(future);
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			throw new UpstreamHttpException(response.statusCode(), shortened(response.body()),
					retryAfter(response.headers()));
		}
		return SuccessfulHttpResponse.builder()
			.statusCode(response.statusCode())
			.headers(response.headers().map())
			.body(response.body())
			.build();
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		java.net.http.HttpRequest jdkRequest = toJdkRequest(request);
		Thread.ofVirtual().name("llm-stream-read").start(() -> {
			HttpResponse<InputStream> response;
			try {
				CompletableFuture<HttpResponse<InputStream>> future = this.client.sendAsync(jdkRequest,
						BodyHandlers.ofInputStream());
				this.scope.pending(future);
				response = await(future);
			}
			catch (RuntimeException ex) {
				listener.onError(ex);
				return;
			}
			if (response.statusCode() < 200 || response.statusCode() > 299) {
				String body;
				try (InputStream in = response.body()) {
					body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					body = "(the error body could not be read: " + ex.getMessage() + ")";
				}
				listener
					.onError(new UpstreamHttpException(response.statusCode(), body, retryAfter(response.headers())));
				return;
			}
			try (InputStream in = response.body()) {
				this.scope.body(in);
				listener.onOpen(SuccessfulHttpResponse.builder()
					.statusCode(response.statusCode())
					.headers(response.headers().map())
					.build());
				parser.parse(in, listener);
				if (!this.scope.cancelled()) {
					listener.onClose();
				}
			}
			catch (IOException | RuntimeException ex) {
				listener.onError(ex);
			}
		});
	}

	private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
		URI uri = URI.create(request.url());
		java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri).timeout(this.timeout);
		if ("http".equalsIgnoreCase(uri.getScheme())) {
			// plain-text servers (vLLM, Ollama, proxies) speak HTTP/1.1; no h2c upgrade
			// dance
			builder.version(Version.HTTP_1_1);
		}
		request.headers().forEach((name, values) -> {
			if (values != null) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		String body = request.body();
		builder.method(request.method().name(),
				(body != null) ? java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: java.net.http.HttpRequest.BodyPublishers.noBody());
		return builder.build();
	}

	/**
	 * Waits for the answer (the whole body, or the headers of a stream) at most the
	 * attempt's timeout: the JDK's request timeout alone does not cover a body that
	 * stalls.
	 */
	private <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			future.cancel(true);
			throw new TimeoutException(new HttpTimeoutException("request timed out"));
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new CancellationException("The call was interrupted");
		}
		catch (CancellationException ex) {
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof HttpTimeoutException timeout) {
				throw new TimeoutException(timeout);
			}
			if (cause instanceof IOException io) {
				throw new UncheckedIOException(io.getMessage(), io);
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(cause);
		}
	}

	/**
	 * The wait asked for by {@code retry-after-ms} (Azure) or {@code Retry-After}
	 * (seconds or an HTTP date).
	 */
	static Duration retryAfter(HttpHeaders headers) {
		String millis = headers.firstValue("retry-after-ms").orElse(null);
		if (millis != null) {
			try {
				return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.strip())));
			}
			catch (NumberFormatException ex) {
				// fall through to Retry-After
			}
		}
		String value = headers.firstValue("retry-after").orElse(null);
		if (value == null || value.isBlank()) {
			return null;
		}
		value = value.strip();
		try {
			return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000)));
		}
		catch (NumberFormatException ex) {
			// an HTTP date
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
			Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String shortened(String body) {
		if (body == null) {
			return "";
		}
		return (body.length() <= MAX_ERROR_BODY) ? body : body.substring(0, MAX_ERROR_BODY);
	}

	/**
	 * Hands langchain4j a {@link CallHttpClient} for one attempt; the timeouts
	 * langchain4j passes are ignored in favour of the attempt's own.
	 */
	static final class Builder implements HttpClientBuilder {

		private final java.net.http.HttpClient client;

		private final Duration timeout;

		private final CallScope scope;

		Builder(java.net.http.HttpClient client, Duration timeout, CallScope scope) {
			this.client = client;
			this.timeout = timeout;
			this.scope = scope;
		}

		@Override
		public Duration connectTimeout() {
			return this.timeout;
		}

		@Override
		public HttpClientBuilder connectTimeout(Duration timeout) {
			return this;
		}

		@Override
		public Duration readTimeout() {
			return this.timeout;
		}

		@Override
		public HttpClientBuilder readTimeout(Duration timeout) {
			return this;
		}

		@Override
		public HttpClient build() {
			return new CallHttpClient(this.client, this.timeout, this.scope);
		}

	}

}
