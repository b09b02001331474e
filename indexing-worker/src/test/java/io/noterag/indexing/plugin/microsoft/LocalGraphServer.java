package io.noterag.indexing.plugin.microsoft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Microsoft Graph and the identity platform, answering with the
 * shapes of the public v1.0 reference: collections with {@code @odata.context} and
 * {@code @odata.nextLink}, OData error bodies, {@code 429} with {@code Retry-After}, and
 * a token endpoint ({@code /{tenant}/oauth2/v2.0/token}) for the refresh-token and
 * client-credentials grants, with rotation and {@code invalid_grant} / AADSTS bodies.
 * Graph routes accept only access tokens it issued.
 */
public final class LocalGraphServer implements AutoCloseable {

	public static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";

	public static final String CLIENT_SECRET = "platform~secret.value";

	public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private final HttpServer server;

	private final Map<String, Handler> routes = new ConcurrentHashMap<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final List<Throttle> throttles = new CopyOnWriteArrayList<>();

	private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();

	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

	private final Map<String, Integer> revokedRefreshTokens = new ConcurrentHashMap<>();

	private final Map<String, String> appSecrets = new ConcurrentHashMap<>();

	private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	private final AtomicInteger issued = new AtomicInteger();

	private volatile int accessTokenLifetime = 3599;

	private LocalGraphServer(HttpServer server) {
		this.server = server;
		this.appSecrets.put(TENANT_ID + "|" + CLIENT_ID, CLIENT_SECRET);
	}

	public static LocalGraphServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			LocalGraphServer graph = new LocalGraphServer(server);
			server.createContext("/", graph::handle);
			server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
			server.start();
			return graph;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code http://127.0.0.1:port}: the identity platform's authority. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The same server under another host name, for download URLs. */
	public String otherHostUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	public String graphUrl() {
		return baseUrl() + "/v1.0";
	}

	public MicrosoftGraphProperties properties(Duration maxThrottleWait) {
		return new MicrosoftGraphProperties(baseUrl(), TENANT_ID, CLIENT_ID, CLIENT_SECRET, graphUrl(),
				Duration.ofSeconds(2), Duration.ofSeconds(5), maxThrottleWait, Duration.ofMinutes(2));
	}

	/** A client that records throttling waits instead of sleeping. */
	public GraphClient client(List<Duration> waits, Duration maxThrottleWait) {
		return new GraphClient(properties(maxThrottleWait), waits::add);
	}

	public GraphClient client() {
		return client(new CopyOnWriteArrayList<>(), Duration.ofSeconds(30));
	}

	public MicrosoftTokens tokens() {
		return tokens(Clock.systemUTC());
	}

	public MicrosoftTokens tokens(Clock clock) {
		return new MicrosoftTokens(properties(Duration.ofSeconds(30)), (wait) -> {
		}, clock);
	}

	/** Answers {@code method path} (path without query, decoded) with a handler. */
	public void on(String method, String path, Handler handler) {
		this.routes.put(method + " " + path, handler);
	}

	/** Answers every path under a prefix ({@code /v1.0/me/onenote/}). */
	public void onPrefix(String method, String prefix, Handler handler) {
		this.routes.put(method + " " + prefix + "*", handler);
	}

	/**
	 * The next {@code times} requests under {@code prefix} are answered with a throttle.
	 */
	public void throttle(String prefix, int times, int status, String retryAfter) {
		for (int i = 0; i < times; i++) {
			this.throttles.add(new Throttle(prefix, status, retryAfter));
		}
	}

	/** A refresh token the identity platform accepts, rotated to {@code rotateTo}. */
	public void acceptRefreshToken(String refreshToken, String rotateTo) {
		this.refreshTokens.put(refreshToken, (rotateTo != null) ? rotateTo : refreshToken);
	}

	/** A refresh token refused with {@code invalid_grant} and the given AADSTS code. */
	public void revokeRefreshToken(String refreshToken, int aadsts) {
		this.revokedRefreshTokens.put(refreshToken, aadsts);
	}

	public void registerApp(String tenant, String clientId, String secret) {
		this.appSecrets.put(tenant + "|" + clientId, secret);
	}

	public void accessTokenLifetime(int seconds) {
		this.accessTokenLifetime = seconds;
	}

	/** Forgets every access token issued so far, as if they had been revoked. */
	public void invalidateAccessTokens() {
		this.accessTokens.clear();
	}

	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	public List<Recorded> requests(String pathPrefix) {
		return this.requests.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	public List<Map<String, String>> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	public void clearRecords() {
		this.requests.clear();
		this.tokenRequests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Request request = new Request(method, path, query(exchange.getRequestURI().getRawQuery()),
					exchange.getRequestHeaders().getFirst("Authorization"), body);
			this.requests
				.add(new Recorded(method, path, exchange.getRequestURI().getRawQuery(), request.authorization()));
			Reply reply = answer(request);
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			if (reply.contentType() != null) {
				exchange.getResponseHeaders().add("Content-Type", reply.contentType());
			}
			exchange.getResponseHeaders().add("request-id", UUID.randomUUID().toString());
			exchange.sendResponseHeaders(reply.status(), (reply.body().length == 0) ? -1 : reply.body().length);
			if (reply.body().length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply.body());
				}
			}
		}
	}

	private Reply answer(Request request) {
		for (Throttle throttle : this.throttles) {
			if (request.path().startsWith(throttle.prefix()) && this.throttles.remove(throttle)) {
				Map<String, String> headers = (throttle.retryAfter() != null)
						? Map.of("Retry-After", throttle.retryAfter()) : Map.of();
				return Reply
					.error(throttle.status(), (throttle.status() == 429) ? "TooManyRequests" : "serviceNotAvailable",
							"Too many requests from this application; please retry after the time in Retry-After.")
					.withHeaders(headers);
			}
		}
		if (request.method().equals("POST") && request.path().endsWith("/oauth2/v2.0/token")) {
			return token(request);
		}
		if (request.path().startsWith("/v1.0/")) {
			String auth = request.authorization();
			if (auth == null || !auth.startsWith("Bearer ") || !this.accessTokens.contains(auth.substring(7))) {
				return Reply.error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
			}
		}
		Handler handler = this.routes.get(request.method() + " " + request.path());
		if (handler == null) {
			String best = null;
			for (String key : this.routes.keySet()) {
				if (key.endsWith("*")
						&& (request.method() + " " + request.path()).startsWith(key.substring(0, key.length() - 1))
						&& (best == null || key.length() > best.length())) {
					best = key;
				}
			}
			handler = (best != null) ? this.routes.get(best) : null;
		}
		if (handler == null) {
			return Reply.error(404, "itemNotFound", "The resource could not be found.");
		}
		return handler.handle(request);
	}

	private Reply token(Request request) {
		Map<String, String> form = query(new String(request.body(), StandardCharsets.UTF_8));
		this.tokenRequests.add(form);
		String tenant = request.path().substring(1, request.path().indexOf('/', 1));
		String clientId = form.get("client_id");
		String secret = form.get("client_secret");
		String expected = this.appSecrets.get(tenant + "|" + clientId);
		if (expected == null && "common".equals(tenant)) {
			expected = this.appSecrets.get(TENANT_ID + "|" + clientId);
		}
		if (expected == null) {
			return oauthError(400, "unauthorized_client", 700016,
					"Application with identifier '" + clientId + "' was not found in the directory '" + tenant + "'.");
		}
		if (!expected.equals(secret)) {
			return oauthError(401, "invalid_client", 7000215,
					"Invalid client secret provided. Ensure the secret being sent in the request is the client "
							+ "secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
		}
		String grant = form.get("grant_type");
		if ("refresh_token".equals(grant)) {
			String refreshToken = form.get("refresh_token");
			Integer revoked = this.revokedRefreshTokens.get(refreshToken);
			if (revoked != null) {
				String description = switch (revoked) {
					case 65001 -> "The user or administrator has not consented to use the application with ID '"
							+ clientId + "' named 'NoteRAG'. Send an interactive authorization request for this user "
							+ "and resource.";
					case 70008 -> "The provided authorization code or refresh token has expired due to inactivity. "
							+ "Send a new interactive authorization request for this user and resource.";
					case 50173 -> "The provided grant has expired due to it being revoked, a fresh auth token is "
							+ "needed. The user might have changed or reset their password.";
					default -> "The refresh token is invalid.";
				};
				return oauthError(400, "invalid_grant", revoked, description);
			}
			String rotated = this.refreshTokens.get(refreshToken);
			if (rotated == null) {
				return oauthError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
			}
			if (!rotated.equals(refreshToken)) {
				this.refreshTokens.putIfAbsent(rotated, rotated);
			}
			String accessToken = "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImRlbGVnYXRlZC0" + this.issued.incrementAndGet();
			this.accessTokens.add(accessToken);
			return Reply.json(200,
					"{\"token_type\":\"Bearer\",\"scope\":\"https://graph.microsoft.com/Notes.Read "
							+ "https://graph.microsoft.com/.default\",\"expires_in\":" + this.accessTokenLifetime
							+ ",\"ext_expires_in\":" + this.accessTokenLifetime + ",\"access_token\":\"" + accessToken
							+ "\",\"refresh_token\":\"" + rotated + "\"}");
		}
		if ("client_credentials".equals(grant)) {
			String accessToken = "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImFwcC0" + this.issued.incrementAndGet();
			this.accessTokens.add(accessToken);
			return Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + this.accessTokenLifetime
					+ ",\"ext_expires_in\":" + this.accessTokenLifetime + ",\"access_token\":\"" + accessToken + "\"}");
		}
		return oauthError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
	}

	private static Reply oauthError(int status, String error, int code, String description) {
		String trace = UUID.randomUUID().toString();
		String correlation = UUID.randomUUID().toString();
		String timestamp = "2026-11-25 10:15:42Z";
		String full = "AADSTS" + code + ": " + description + "\\r\\nTrace ID: " + trace + "\\r\\nCorrelation ID: "
				+ correlation + "\\r\\nTimestamp: " + timestamp;
		return Reply.json(status,
				"{\"error\":\"" + error + "\",\"error_description\":\"" + full.replace("\"", "\\\"")
						+ "\",\"error_codes\":[" + code + "],\"timestamp\":\"" + timestamp + "\",\"trace_id\":\""
						+ trace + "\",\"correlation_id\":\"" + correlation
						+ "\",\"error_uri\":\"https://login.microsoftonline.com/error?code=" + code + "\"}");
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			values.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return values;
	}

	/**
	 * A request as the server saw it.
	 *
	 * @param method the method
	 * @param path the decoded path
	 * @param query the decoded query parameters
	 * @param authorization the Authorization header, if any
	 * @param body the body
	 */
	public record Request(String method, String path, Map<String, String> query, String authorization, byte[] body) {

		public int intParam(String name, int fallback) {
			String value = this.query.get(name);
			return (value != null) ? Integer.parseInt(value) : fallback;
		}

	}

	/**
	 * A recorded request.
	 *
	 * @param method the method
	 * @param path the decoded path
	 * @param rawQuery the raw query
	 * @param authorization the Authorization header, if any
	 */
	public record Recorded(String method, String path, String rawQuery, String authorization) {

	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param contentType the content type, if any
	 * @param body the body
	 * @param headers more headers
	 */
	public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

		public static Reply json(int status, String json) {
			return new Reply(status, "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8",
					json.getBytes(StandardCharsets.UTF_8), Map.of());
		}

		public static Reply bytes(String contentType, byte[] body) {
			return new Reply(200, contentType, body, Map.of());
		}

		public static Reply redirect(String location) {
			return new Reply(302, null, new byte[0], Map.of("Location", location));
		}

		/** An OData error body as Graph writes it. */
		public static Reply error(int status, String code, String message) {
			return json(status,
					"{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
							+ "\",\"innerError\":{\"date\":\"2026-11-25T10:15:42\",\"request-id\":\""
							+ "b6c1f0b2-8d4e-4f6a-9c55-1f2e3d4c5b6a\",\"client-request-id\":\""
							+ "b6c1f0b2-8d4e-4f6a-9c55-1f2e3d4c5b6a\"}}}");
		}

		public Reply withHeaders(Map<String, String> more) {
			Map<String, String> all = new LinkedHashMap<>(this.headers);
			all.putAll(more);
			return new Reply(this.status, this.contentType, this.body, all);
		}

	}

	/** Answers a request. */
	@FunctionalInterface
	public interface Handler {

		Reply handle(Request request);

	}

	private record Throttle(String prefix, int status, String retryAfter) {

	}

	/** A collection page in Graph's shape. */
	public static String collection(String context, List<String> values, String nextLink, String deltaLink) {
		StringBuilder json = new StringBuilder("{\"@odata.context\":\"").append(context).append("\",");
		if (nextLink != null) {
			json.append("\"@odata.nextLink\":\"").append(nextLink).append("\",");
		}
		if (deltaLink != null) {
			json.append("\"@odata.deltaLink\":\"").append(deltaLink).append("\",");
		}
		json.append("\"value\":[").append(String.join(",", new ArrayList<>(values))).append("]}");
		return json.toString();
	}

}
