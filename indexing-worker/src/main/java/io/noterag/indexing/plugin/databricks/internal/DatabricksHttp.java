package io.noterag.indexing.plugin.databricks.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * The HTTP client of every Databricks call. Each call carries the workspace's bearer
 * token; a refused OAuth token is renewed once. 429 and 503 answers are retried after
 * their {@code Retry-After} while the total wait of the call stays within a bound, then
 * reported as {@link SourceThrottledException}. 401 and 403 (other than a
 * {@code PERMISSION_DENIED} on one object) become {@link SourceAuthenticationException},
 * server errors and unreachable hosts {@link SourceUnavailableException}, other refusals
 * {@link DatabricksApiException} with Databricks' {@code error_code} and message. No
 * message ever holds a token or a secret.
 */
public final class DatabricksHttp {

	private static final Logger logger = LoggerFactory.getLogger(DatabricksHttp.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private static final int MAX_MESSAGE_LENGTH = 300;

	private final HttpClient client;

	private final Duration readTimeout;

	private final Duration maxThrottleWait;

	public DatabricksHttp(Duration connectTimeout, Duration readTimeout, Duration maxThrottleWait) {
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
		this.maxThrottleWait = maxThrottleWait;
	}

	/**
	 * {@code GET} of a workspace path.
	 * @param workspace the workspace
	 * @param path the path, with its query (values already encoded)
	 * @return the JSON answer (an empty object when the body is empty)
	 */
	public JsonNode get(Workspace workspace, String path) {
		return send(workspace, "GET", path, null, Duration.ZERO);
	}

	/**
	 * {@code POST} of a JSON body to a workspace path.
	 * @param workspace the workspace
	 * @param path the path
	 * @param body the body, written as JSON
	 * @param serverWait how long the server may hold the request before answering
	 * @return the JSON answer
	 */
	public JsonNode post(Workspace workspace, String path, Object body, Duration serverWait) {
		return send(workspace, "POST", path, JSON.writeValueAsBytes(body), serverWait);
	}

	/**
	 * Asks an OAuth token endpoint for a client-credentials token.
	 * @param tokenUrl the token endpoint
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param scope the scope
	 * @return the token answer ({@code access_token}, {@code expires_in})
	 */
	public JsonNode clientCredentials(String tokenUrl, String clientId, String clientSecret, String scope) {
		String form = "grant_type=client_credentials&scope=" + encode(scope);
		String basic = Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
		URI uri = URI.create(tokenUrl);
		Duration waited = Duration.ZERO;
		while (true) {
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.readTimeout)
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build();
			HttpResponse<byte[]> response = exchange(request, uri);
			int status = response.statusCode();
			if (status / 100 == 2) {
				return parse(response.body());
			}
			ErrorBody error = ErrorBody.of(response.body(), clientSecret);
			if (status == 429 || status == 503) {
				waited = waitOrGiveUp(response, waited, uri.getHost());
				continue;
			}
			if (status == 400 || status == 401 || status == 403) {
				throw new SourceAuthenticationException("Databricks refused the OAuth client credentials (HTTP "
						+ status + error.describe() + "); check credentials.client_id and credentials.client_secret.");
			}
			throw new SourceUnavailableException("The Databricks token endpoint of " + uri.getHost() + " answered HTTP "
					+ status + error.describe());
		}
	}

	private JsonNode send(Workspace workspace, String method, String path, byte[] body, Duration serverWait) {
		URI uri = URI.create(workspace.url() + path);
		Duration waited = Duration.ZERO;
		boolean renewed = false;
		while (true) {
			String token = workspace.tokens().token();
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
				.timeout(this.readTimeout.plus(serverWait))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/json");
			if (body != null) {
				builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
			}
			else {
				builder.method(method, HttpRequest.BodyPublishers.noBody());
			}
			HttpResponse<byte[]> response = exchange(builder.build(), uri);
			int status = response.statusCode();
			if (status / 100 == 2) {
				return parse(response.body());
			}
			ErrorBody error = ErrorBody.of(response.body(), token);
			if (status == 429 || status == 503) {
				waited = waitOrGiveUp(response, waited, workspace.host());
				continue;
			}
			if (status == 401 && !renewed && workspace.tokens().renew(token)) {
				renewed = true;
				continue;
			}
			if (status == 401 || (status == 403 && !"PERMISSION_DENIED".equals(error.code()))) {
				throw new SourceAuthenticationException("Databricks refused the credentials of this source (HTTP "
						+ status + error.describe() + "); check the token or the service principal.");
			}
			if (status >= 500) {
				throw new SourceUnavailableException(
						"Databricks workspace " + workspace.host() + " answered HTTP " + status + error.describe());
			}
			throw new DatabricksApiException(status, error.code(),
					"Databricks refused " + method + " " + uri.getPath() + " (HTTP " + status + error.describe() + ")");
		}
	}

	private HttpResponse<byte[]> exchange(HttpRequest request, URI uri) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw new SourceUnavailableException(
					"Databricks workspace " + uri.getHost() + " cannot be reached (" + describe(ex) + ").", ex);
		}
		catch (HttpTimeoutException ex) {
			throw new SourceUnavailableException("Databricks workspace " + uri.getHost() + " did not answer within "
					+ request.timeout().map(Duration::toString).orElse("the timeout") + ".", ex);
		}
		catch (IOException ex) {
			throw new SourceUnavailableException(
					"Databricks workspace " + uri.getHost() + " cannot be reached (" + describe(ex) + ").", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceUnavailableException("Interrupted while calling Databricks workspace " + uri.getHost());
		}
	}

	private Duration waitOrGiveUp(HttpResponse<byte[]> response, Duration waited, String host) {
		// without Retry-After: 1s, 2s, 4s... as long as the bound allows
		Duration fallback = DEFAULT_RETRY_AFTER.plus(waited);
		Duration retryAfter = retryAfter(response).orElse(fallback);
		if (waited.plus(retryAfter).compareTo(this.maxThrottleWait) > 0) {
			throw new SourceThrottledException("Databricks workspace " + host + " is throttling requests (HTTP "
					+ response.statusCode() + "); retry after " + retryAfter.toSeconds() + "s.", retryAfter);
		}
		logger.debug("Databricks workspace {} answered HTTP {}; retrying in {}", host, response.statusCode(),
				retryAfter);
		sleep(retryAfter);
		return waited.plus(retryAfter);
	}

	static Optional<Duration> retryAfter(HttpResponse<?> response) {
		Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
		if (header.isEmpty() || header.get().isEmpty()) {
			return Optional.empty();
		}
		String value = header.get();
		try {
			long seconds = Long.parseLong(value);
			return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException unparsable) {
				return Optional.empty();
			}
		}
	}

	/**
	 * Sleeps, turning an interruption into an unavailable source.
	 * @param duration how long
	 */
	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceUnavailableException("Interrupted while waiting for Databricks.");
		}
	}

	/**
	 * Encodes a query value.
	 * @param value the value
	 * @return the encoded value
	 */
	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * A query string of encoded values.
	 * @param values name to value, in order
	 * @return {@code ?a=1&b=2}
	 */
	public static String query(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&", "?", ""));
	}

	/**
	 * An ordered map of query values.
	 * @param pairs name, value, name, value...
	 * @return the map
	 */
	public static Map<String, String> params(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			return JSON.createObjectNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new SourceUnavailableException("Databricks answered with a body that is not JSON.", ex);
		}
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

	/**
	 * An error body: Databricks' {@code {"error_code", "message"}} or OAuth's
	 * {@code {"error", "error_description"}}.
	 */
	private record ErrorBody(String code, String message) {

		static ErrorBody of(byte[] body, String secret) {
			String code = null;
			String message = null;
			try {
				JsonNode node = (body != null && body.length > 0) ? JSON.readTree(body) : null;
				if (node != null && node.isObject()) {
					code = text(node, "error_code", "error");
					message = text(node, "message", "error_description");
				}
			}
			catch (JacksonException ex) {
				// not JSON (a proxy's HTML page): the status says enough
			}
			return new ErrorBody(redact(code, secret), redact(message, secret));
		}

		private static String text(JsonNode node, String name, String alternative) {
			JsonNode value = node.has(name) ? node.get(name) : node.get(alternative);
			return (value != null && value.isValueNode()) ? value.asString() : null;
		}

		private static String redact(String text, String secret) {
			if (text == null) {
				return null;
			}
			String redacted = (secret != null && !secret.isEmpty()) ? text.replace(secret, "***") : text;
			return (redacted.length() > MAX_MESSAGE_LENGTH) ? redacted.substring(0, MAX_MESSAGE_LENGTH) + "..."
					: redacted;
		}

		String describe() {
			StringBuilder text = new StringBuilder();
			if (this.code != null) {
				text.append(' ').append(this.code);
			}
			if (this.message != null && !this.message.isBlank()) {
				text.append(": ").append(this.message);
			}
			return text.toString();
		}

	}

}
