package io.noterag.indexing.plugin.microsoft.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * Sends one request, waiting out throttling: a 429, 503, 504 or 509 is retried after the
 * {@code Retry-After} the server gave (or a doubling back-off when it gave none) as long
 * as the total wait stays within the budget; beyond it the source is reported as
 * throttled with the wait it asked for. Connection failures and timeouts are reported as
 * an unavailable source. Redirects are never followed here.
 */
public final class GraphHttp {

	/** Bodies of error responses are read up to this size for their message. */
	private static final long MAX_ERROR_BYTES = 64 * 1024;

	private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

	private final HttpClient client;

	private final Duration readTimeout;

	private final Duration maxThrottleWait;

	private final Sleeper sleeper;

	public GraphHttp(Duration connectTimeout, Duration readTimeout, Duration maxThrottleWait, Sleeper sleeper) {
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.readTimeout = readTimeout;
		this.maxThrottleWait = maxThrottleWait;
		this.sleeper = sleeper;
	}

	/**
	 * A request builder with the read timeout set.
	 * @param uri the address
	 * @return the builder
	 */
	public HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(this.readTimeout);
	}

	/**
	 * Sends a request, waiting while the server throttles within the budget.
	 * @param request the request (sent again as is after a wait)
	 * @param maxBytes the largest successful body accepted
	 * @param what what the request does, for messages (no secrets, no query strings)
	 * @return the response (any status but a throttling one)
	 * @throws SourceThrottledException when throttling outlasts the budget
	 * @throws SourceUnavailableException when the server cannot be reached
	 * @throws ItemException when a successful body is larger than {@code maxBytes}
	 */
	public Response send(HttpRequest request, long maxBytes, String what) {
		Duration waited = Duration.ZERO;
		int attempt = 0;
		while (true) {
			Response response = exchange(request, maxBytes, what);
			if (!isThrottling(response.status())) {
				return response;
			}
			Duration wait = retryAfter(response).orElse(backOff(attempt));
			attempt++;
			if (waited.plus(wait).compareTo(this.maxThrottleWait) > 0) {
				throw new SourceThrottledException(what + ": Microsoft is throttling requests (HTTP "
						+ response.status() + ") and asks to wait " + wait.toSeconds() + " s, beyond the "
						+ this.maxThrottleWait.toSeconds() + " s this request may wait.", wait);
			}
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SourceUnavailableException(what + ": interrupted while waiting out throttling.", ex);
			}
			waited = waited.plus(wait);
		}
	}

	private Response exchange(HttpRequest request, long maxBytes, String what) {
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpTimeoutException ex) {
			throw new SourceUnavailableException(what + ": " + request.uri().getHost() + " did not answer in time.",
					ex);
		}
		catch (ConnectException ex) {
			throw new SourceUnavailableException(what + ": cannot connect to " + request.uri().getHost() + ".", ex);
		}
		catch (IOException ex) {
			throw new SourceUnavailableException(what + ": the connection to " + request.uri().getHost() + " failed ("
					+ ex.getClass().getSimpleName() + ").", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceUnavailableException(what + ": interrupted.", ex);
		}
		int status = response.statusCode();
		boolean success = status >= 200 && status < 300;
		long limit = success ? maxBytes : MAX_ERROR_BYTES;
		byte[] body;
		try (InputStream in = response.body()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (body.length > limit) {
				if (success) {
					throw new ItemException(what + ": the content is larger than " + maxBytes + " bytes.");
				}
				body = Arrays.copyOf(body, (int) limit);
			}
		}
		catch (IOException ex) {
			throw new SourceUnavailableException(what + ": reading the answer of " + request.uri().getHost()
					+ " failed (" + ex.getClass().getSimpleName() + ").", ex);
		}
		return new Response(status, response.headers(), body, request.uri());
	}

	private static boolean isThrottling(int status) {
		return status == 429 || status == 503 || status == 504 || status == 509;
	}

	private static Duration backOff(int attempt) {
		Duration wait = FIRST_BACK_OFF.multipliedBy(1L << Math.min(attempt, 10));
		return (wait.compareTo(MAX_BACK_OFF) > 0) ? MAX_BACK_OFF : wait;
	}

	static Optional<Duration> retryAfter(Response response) {
		Optional<String> value = response.headers().firstValue("Retry-After");
		if (value.isEmpty() || value.get().isBlank()) {
			return Optional.empty();
		}
		String text = value.get().trim();
		try {
			long seconds = Long.parseLong(text);
			return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	/**
	 * A response with its body read.
	 *
	 * @param status the HTTP status
	 * @param headers its headers
	 * @param body its body (an error body is cut at 64 KiB)
	 * @param uri the address it came from
	 */
	public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {

		public boolean isSuccess() {
			return this.status >= 200 && this.status < 300;
		}

		public boolean isRedirect() {
			return this.status == 301 || this.status == 302 || this.status == 303 || this.status == 307
					|| this.status == 308;
		}

		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

	}

	/** Waits; tests replace it to record the waits. */
	@FunctionalInterface
	public interface Sleeper {

		/** Waits with {@link Thread#sleep(Duration)}. */
		Sleeper THREAD = Thread::sleep;

		void sleep(Duration duration) throws InterruptedException;

	}

}
