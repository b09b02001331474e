package io.noterag.indexing.plugin.microsoft;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.indexing.plugin.microsoft.internal.ErrorBodies;
import io.noterag.indexing.plugin.microsoft.internal.ErrorBodies.OAuthError;
import io.noterag.indexing.plugin.microsoft.internal.GraphHttp;
import io.noterag.indexing.plugin.microsoft.internal.GraphHttp.Response;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * Access tokens for Graph from the identity platform
 * ({@code {authority-url}/{tenant}/oauth2/v2.0/token}), cached per source until shortly
 * before they expire.
 * <ul>
 * <li>{@link #delegated delegated}: the source's {@code refresh_token} credential
 * (written when its owner connected their account) with the platform's app registration,
 * scope {@code Notes.Read offline_access}. A rotated refresh token is saved through
 * {@link SourceContext#updateCredentials}; a refused one ({@code invalid_grant}: expired,
 * revoked, consent withdrawn) means the owner must connect again
 * ({@link ReconnectRequiredException}).</li>
 * <li>{@link #application application}: client credentials, scope {@code .default}, with
 * the source's own {@code tenant_id}, {@code client_id}, {@code client_secret} when it
 * has them, else the platform's.</li>
 * </ul>
 */
public class MicrosoftTokens {

	/** The delegated scope OneNote sources are connected with. */
	public static final String NOTES_SCOPE = "https://graph.microsoft.com/Notes.Read offline_access";

	/** The application scope: whatever the app registration was granted. */
	public static final String APPLICATION_SCOPE = "https://graph.microsoft.com/.default";

	public static final String REFRESH_TOKEN = "refresh_token";

	public static final String TENANT_ID = "tenant_id";

	public static final String CLIENT_ID = "client_id";

	public static final String CLIENT_SECRET = "client_secret";

	private static final Set<String> SHARED_TENANTS = Set.of("common", "organizations", "consumers");

	private static final long MAX_TOKEN_BYTES = 1024 * 1024;

	private final MicrosoftGraphProperties properties;

	private final GraphHttp http;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.shared();

	private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	public MicrosoftTokens(MicrosoftGraphProperties properties) {
		this(properties, GraphHttp.Sleeper.THREAD, Clock.systemUTC());
	}

	MicrosoftTokens(MicrosoftGraphProperties properties, GraphHttp.Sleeper sleeper, Clock clock) {
		this.properties = properties;
		this.http = new GraphHttp(properties.connectTimeout(), properties.readTimeout(), properties.maxThrottleWait(),
				sleeper);
		this.clock = clock;
	}

	/**
	 * The delegated token of a source connected by a user (OneNote).
	 * @param source the source; its {@code refresh_token} credential is used
	 * @return the source's token
	 */
	public GraphAuthorization delegated(SourceContext<?> source) {
		String key = "delegated:" + source.sourceId();
		return new SourceAuthorization(key, () -> delegatedToken(key, source));
	}

	/**
	 * The application token of a source read with client credentials (SharePoint).
	 * @param source the source; its optional {@code tenant_id}, {@code client_id},
	 * {@code client_secret} credentials override the platform's
	 * @return the source's token
	 */
	public GraphAuthorization application(SourceContext<?> source) {
		String key = "application:" + source.sourceId();
		return new SourceAuthorization(key, () -> applicationToken(key, source));
	}

	private String token(String key, String grant, Fetch fetch) {
		CachedToken cached = this.cache.get(key);
		if (cached != null && cached.isUsable(grant, this.clock.instant())) {
			return cached.accessToken();
		}
		synchronized (this.locks.computeIfAbsent(key, (k) -> new Object())) {
			cached = this.cache.get(key);
			if (cached != null && cached.isUsable(grant, this.clock.instant())) {
				return cached.accessToken();
			}
			CachedToken fresh = fetch.fetch(cached);
			this.cache.put(key, fresh);
			return fresh.accessToken();
		}
	}

	private String delegatedToken(String key, SourceContext<?> source) {
		String given = source.credentials().get(REFRESH_TOKEN);
		if (given == null || given.isBlank()) {
			throw new ReconnectRequiredException(
					"This OneNote source has no Microsoft sign-in yet: its owner must connect their Microsoft account.");
		}
		String clientId = this.properties.clientId();
		String clientSecret = this.properties.clientSecret();
		if (clientId == null || clientSecret == null) {
			throw new SourceAuthenticationException("No Microsoft app registration is configured: set "
					+ "noterag.sources.microsoft.client-id and noterag.sources.microsoft.client-secret.");
		}
		String fingerprint = fingerprint(given);
		return token(key, fingerprint, (previous) -> {
			// a token rotated earlier in this process is newer than the one the source
			// was read with
			boolean sameGrant = previous != null && previous.replacedGrants().contains(fingerprint);
			String refreshToken = (sameGrant && previous.latestRefreshToken() != null) ? previous.latestRefreshToken()
					: given;
			Map<String, String> form = new LinkedHashMap<>();
			form.put("client_id", clientId);
			form.put("client_secret", clientSecret);
			form.put("grant_type", "refresh_token");
			form.put("refresh_token", refreshToken);
			form.put("scope", NOTES_SCOPE);
			JsonNode body = post(this.properties.tenantId(), form, true);
			String rotated = text(body, "refresh_token");
			Set<String> grants = new HashSet<>();
			grants.add(fingerprint);
			grants.add(fingerprint(refreshToken));
			String latest = refreshToken;
			if (rotated != null && !rotated.equals(refreshToken)) {
				source.updateCredentials(Map.of(REFRESH_TOKEN, rotated));
				grants.add(fingerprint(rotated));
				latest = rotated;
			}
			if (sameGrant) {
				grants.addAll(previous.replacedGrants());
			}
			return cachedToken(body, grants, latest);
		});
	}

	private String applicationToken(String key, SourceContext<?> source) {
		Map<String, String> credentials = source.credentials();
		String tenant = orElse(credentials.get(TENANT_ID), this.properties.tenantId());
		String clientId = orElse(credentials.get(CLIENT_ID), this.properties.clientId());
		String clientSecret = (credentials.get(CLIENT_ID) != null) ? credentials.get(CLIENT_SECRET)
				: orElse(credentials.get(CLIENT_SECRET), this.properties.clientSecret());
		if (clientId == null || clientSecret == null || clientSecret.isBlank()) {
			throw new SourceAuthenticationException("No app registration to read SharePoint with: give the source "
					+ "credentials client_id and client_secret, or configure noterag.sources.microsoft.client-id "
					+ "and client-secret.");
		}
		if (SHARED_TENANTS.contains(tenant.toLowerCase(Locale.ROOT))) {
			throw new SourceAuthenticationException("Reading SharePoint with client credentials needs a tenant id: "
					+ "give the source the credential tenant_id, or set noterag.sources.microsoft.tenant-id.");
		}
		String fingerprint = fingerprint(tenant + "\n" + clientId + "\n" + clientSecret);
		return token(key, fingerprint, (previous) -> {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("client_id", clientId);
			form.put("client_secret", clientSecret);
			form.put("grant_type", "client_credentials");
			form.put("scope", APPLICATION_SCOPE);
			JsonNode body = post(tenant, form, false);
			return cachedToken(body, Set.of(fingerprint), null);
		});
	}

	private JsonNode post(String tenant, Map<String, String> form, boolean delegated) {
		URI uri = URI.create(this.properties.authorityUrl() + "/" + GraphClient.segment(tenant) + "/oauth2/v2.0/token");
		String encoded = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = this.http.request(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encoded))
			.build();
		String what = "Token request to " + uri.getHost();
		Response response = this.http.send(request, MAX_TOKEN_BYTES, what);
		if (response.status() >= 500) {
			throw new SourceUnavailableException(
					what + ": the identity platform answered HTTP " + response.status() + ".");
		}
		if (!response.isSuccess()) {
			throw refused(response, delegated);
		}
		try {
			JsonNode body = this.json.readTree(response.body());
			if (text(body, "access_token") == null) {
				throw new SourceUnavailableException(
						what + ": the identity platform answered without an access token.");
			}
			return body;
		}
		catch (JacksonException ex) {
			throw new SourceUnavailableException(what + ": the identity platform answered with something not JSON.");
		}
	}

	private static RuntimeException refused(Response response, boolean delegated) {
		OAuthError error = ErrorBodies.oauthError(response.body());
		String code = (error.code() != null) ? " (" + error.code() + ")" : "";
		String oauth = (error.error() != null) ? error.error() : "HTTP " + response.status();
		if (delegated && Set.of("invalid_grant", "interaction_required", "consent_required").contains(oauth)) {
			return new ReconnectRequiredException("Microsoft refused the stored sign-in of this source: "
					+ reason(error.code()) + code + ". Its owner must connect their Microsoft account again.");
		}
		if ("invalid_client".equals(oauth) || "unauthorized_client".equals(oauth)) {
			return new SourceAuthenticationException("The identity platform refused the app registration" + code + ": "
					+ ((error.description() != null) ? stripCode(error.description()) : "wrong client id or secret")
					+ ". Check the client id and secret.");
		}
		return new SourceAuthenticationException("The identity platform refused the token request: " + oauth + code
				+ ((error.description() != null) ? ", " + stripCode(error.description()) : "") + ".");
	}

	private static String reason(String code) {
		if (code == null) {
			return "the sign-in is no longer valid";
		}
		return switch (code) {
			case "AADSTS70008", "AADSTS700082" -> "the sign-in expired because it was not used for too long";
			case "AADSTS50173", "AADSTS50078" -> "the sign-in was revoked, for example after a password change";
			case "AADSTS65001" -> "consent to read OneNote was withdrawn or never given";
			case "AADSTS50076", "AADSTS50079", "AADSTS50158" -> "the account now requires an interactive sign-in";
			case "AADSTS700016" -> "the app registration is not known in the account's tenant";
			case "AADSTS9002313" -> "the stored sign-in is malformed";
			default -> "the sign-in is no longer valid";
		};
	}

	private static String stripCode(String description) {
		String text = description.replaceFirst("^AADSTS\\d+:\\s*", "").trim();
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	private CachedToken cachedToken(JsonNode body, Set<String> grants, String latestRefreshToken) {
		long expiresIn = body.path("expires_in").asLong(3600);
		Instant expiresAt = this.clock.instant().plusSeconds(Math.max(0, expiresIn));
		return new CachedToken(text(body, "access_token"), expiresAt.minus(this.properties.tokenRefreshMargin()),
				Set.copyOf(grants), latestRefreshToken);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	private static String orElse(String value, String fallback) {
		return (value != null && !value.isBlank()) ? value.trim() : fallback;
	}

	private static String fingerprint(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A cached access token.
	 *
	 * @param accessToken the token
	 * @param renewAt when to ask for a new one (its expiry less the margin)
	 * @param replacedGrants fingerprints of the grants it stands for (refresh tokens,
	 * including rotated ones, or client credentials)
	 * @param latestRefreshToken the newest refresh token (delegated only)
	 */
	private record CachedToken(String accessToken, Instant renewAt, Set<String> replacedGrants,
			String latestRefreshToken) {

		boolean isUsable(String grant, Instant now) {
			return now.isBefore(this.renewAt) && this.replacedGrants.contains(grant);
		}

	}

	@FunctionalInterface
	private interface Fetch {

		CachedToken fetch(CachedToken previous);

	}

	private final class SourceAuthorization implements GraphAuthorization {

		private final String key;

		private final Supplier<String> refresh;

		SourceAuthorization(String key, Supplier<String> refresh) {
			this.key = key;
			this.refresh = refresh;
		}

		@Override
		public String accessToken() {
			return this.refresh.get();
		}

		@Override
		public void discard() {
			MicrosoftTokens.this.cache.remove(this.key);
		}

	}

}
