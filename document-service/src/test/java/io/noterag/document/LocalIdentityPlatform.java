package io.noterag.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Microsoft identity platform (v2.0 endpoints) for the authorization code flow
 * with PKCE, as documented for {@code /{tenant}/oauth2/v2.0/authorize} and
 * {@code /{tenant}/oauth2/v2.0/token}: the authorize endpoint redirects to the registered
 * redirect URI with {@code code} and {@code state} (or {@code error=access_denied} when
 * the user declines consent); the token endpoint checks the client, the code (single use,
 * expiring), the redirect URI and the PKCE verifier against the S256 challenge, and
 * answers the documented JSON, or an AADSTS error body.
 */
public final class LocalIdentityPlatform {

	public static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";

	public static final String CLIENT_SECRET = "local-client-secret-value";

	public static final String REDIRECT_URI = "http://127.0.0.1:8080/api/v2/sources/oauth/callback";

	private static final HttpServer server = start();

	private static final SecureRandom random = new SecureRandom();

	private static final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

	/** Every form posted to the token endpoint, in order. */
	public static final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	/** The Authorization header of every token request ("" when absent). */
	public static final List<String> tokenRequestAuthorizations = new CopyOnWriteArrayList<>();

	/** Refresh tokens issued, in order. */
	public static final List<String> refreshTokens = new CopyOnWriteArrayList<>();

	/** When set, the user declines consent on the authorize page. */
	public static volatile boolean declineConsent;

	private LocalIdentityPlatform() {
	}

	public static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Makes every code issued so far expire. */
	public static void expireCodes() {
		codes.replaceAll((code, issued) -> new IssuedCode(issued.clientId(), issued.redirectUri(), issued.scope(),
				issued.challenge(), issued.method(), Instant.now().minusSeconds(1), issued.redeemed()));
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", LocalIdentityPlatform::handle);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.matches("/[^/]+/oauth2/v2\\.0/authorize") && "GET".equals(exchange.getRequestMethod())) {
			authorize(exchange, parse(exchange.getRequestURI().getRawQuery()));
		}
		else if (path.matches("/[^/]+/oauth2/v2\\.0/token") && "POST".equals(exchange.getRequestMethod())) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			tokenRequestAuthorizations.add((authorization != null) ? authorization : "");
			Map<String, String> form = parse(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			tokenRequests.add(form);
			token(exchange, form);
		}
		else {
			respond(exchange, 404, "text/plain", "Not found");
		}
	}

	private static void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
		if (!CLIENT_ID.equals(query.get("client_id"))) {
			respond(exchange, 400, "text/html", "<html><body>AADSTS700016: Application with identifier '"
					+ query.get("client_id") + "' was not found in the directory.</body></html>");
			return;
		}
		if (!REDIRECT_URI.equals(query.get("redirect_uri"))) {
			respond(exchange, 400, "text/html", "<html><body>AADSTS50011: The redirect URI '"
					+ query.get("redirect_uri")
					+ "' specified in the request does not match the redirect URIs configured for the application '"
					+ CLIENT_ID + "'.</body></html>");
			return;
		}
		Map<String, String> back = new LinkedHashMap<>();
		if (!"code".equals(query.get("response_type")) || query.get("scope") == null
				|| query.get("code_challenge") == null) {
			back.put("error", "invalid_request");
			back.put("error_description",
					"AADSTS900144: The request body must contain the following parameter: " + "'code_challenge'.");
		}
		else if (declineConsent) {
			back.put("error", "access_denied");
			back.put("error_description", "AADSTS65004: User declined to consent to access the app.");
		}
		else {
			String code = "1.AXoA" + token(48);
			codes.put(code,
					new IssuedCode(CLIENT_ID, query.get("redirect_uri"), query.get("scope"),
							query.get("code_challenge"), query.getOrDefault("code_challenge_method", "plain"),
							Instant.now().plusSeconds(600), false));
			back.put("code", code);
			back.put("session_state", UUID.randomUUID().toString());
		}
		if (query.get("state") != null) {
			back.put("state", query.get("state"));
		}
		StringBuilder location = new StringBuilder(query.get("redirect_uri")).append('?');
		back.forEach((name, value) -> location.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8))
			.append('&'));
		location.setLength(location.length() - 1);
		exchange.getResponseHeaders().set("Location", location.toString());
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void token(HttpExchange exchange, Map<String, String> form) throws IOException {
		if (!"authorization_code".equals(form.get("grant_type"))) {
			error(exchange, 400, "unsupported_grant_type", 70003,
					"The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
			return;
		}
		if (!CLIENT_ID.equals(form.get("client_id"))) {
			error(exchange, 400, "unauthorized_client", 700016, "Application with identifier '" + form.get("client_id")
					+ "' was not found in the directory 'Default Directory'.");
			return;
		}
		if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
			error(exchange, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
					+ "sent in the request is the client secret value, not the client secret ID, for a secret added to "
					+ "app '" + CLIENT_ID + "'.");
			return;
		}
		IssuedCode issued = (form.get("code") != null) ? codes.get(form.get("code")) : null;
		if (issued == null) {
			error(exchange, 400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
			return;
		}
		if (issued.redeemed()) {
			error(exchange, 400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry "
					+ "with a new valid code or use an existing refresh token.");
			return;
		}
		if (Instant.now().isAfter(issued.expiresAt())) {
			error(exchange, 400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired "
					+ "due to inactivity. Send a new interactive authorization request for this user and resource.");
			return;
		}
		if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
			error(exchange, 400, "invalid_grant", 500112,
					"The reply address '" + form.get("redirect_uri") + "' does not match the reply address '"
							+ issued.redirectUri() + "' provided when requesting Authorization code.");
			return;
		}
		String verifier = form.get("code_verifier");
		String expected = "S256".equals(issued.method()) ? s256(verifier) : verifier;
		if (verifier == null || !issued.challenge().equals(expected)) {
			error(exchange, 400, "invalid_grant", 501481,
					"The Code_Verifier does not match the code_challenge supplied in the authorization request.");
			return;
		}
		codes.put(form.get("code"), new IssuedCode(issued.clientId(), issued.redirectUri(), issued.scope(),
				issued.challenge(), issued.method(), issued.expiresAt(), true));
		String refreshToken = "1.AXoA" + token(96);
		refreshTokens.add(refreshToken);
		String grantedScope = String.join(" ",
				java.util.Arrays.stream(issued.scope().split(" "))
					.filter((scope) -> !"offline_access".equals(scope))
					.toList())
				+ " https://graph.microsoft.com/User.Read";
		respond(exchange, 200, "application/json; charset=utf-8",
				"{\"token_type\":\"Bearer\",\"scope\":\"" + grantedScope
						+ "\",\"expires_in\":4436,\"ext_expires_in\":4436,\"access_token\":\"eyJ0eXAiOiJKV1Qi"
						+ token(64) + "\",\"refresh_token\":\"" + refreshToken + "\"}");
	}

	private static void error(HttpExchange exchange, int status, String error, int code, String message)
			throws IOException {
		String trace = UUID.randomUUID().toString();
		String correlation = UUID.randomUUID().toString();
		String timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now());
		String description = "AADSTS" + code + ": " + message + "\\r\\nTrace ID: " + trace + "\\r\\nCorrelation ID: "
				+ correlation + "\\r\\nTimestamp: " + timestamp;
		respond(exchange, status, "application/json; charset=utf-8",
				"{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "\\\"")
						+ "\",\"error_codes\":[" + code + "],\"timestamp\":\"" + timestamp + "\",\"trace_id\":\""
						+ trace + "\",\"correlation_id\":\"" + correlation
						+ "\",\"error_uri\":\"https://login.microsoftonline.com/error?code=" + code + "\"}");
	}

	private static String s256(String verifier) {
		if (verifier == null) {
			return null;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	/**
	 * Reads a query string or form body.
	 * @param raw the encoded text
	 * @return the decoded parameters
	 */
	public static Map<String, String> parse(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

	/**
	 * The query parameters of a URL.
	 * @param url the URL
	 * @return its decoded query parameters
	 */
	public static Map<String, String> queryOf(String url) {
		return parse(URI.create(url).getRawQuery());
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private record IssuedCode(String clientId, String redirectUri, String scope, String challenge, String method,
			Instant expiresAt, boolean redeemed) {

	}

}
