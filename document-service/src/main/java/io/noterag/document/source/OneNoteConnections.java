package io.noterag.document.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.noterag.document.job.JobView;
import io.noterag.document.secret.SecretBox;
import io.noterag.document.secret.SecretUnreadableException;
import io.noterag.document.source.internal.ConnectStates;
import io.noterag.document.source.internal.ConnectStates.ConnectState;
import io.noterag.shared.source.config.OneNoteConfig;
import io.noterag.shared.web.ApiException;

/**
 * Connects a OneNote source to a Microsoft account with the authorization code flow and
 * PKCE (delegated permissions: app-only tokens no longer read OneNote). The {@code state}
 * is random, single-use, bound to the source and the administrator, and expires; only its
 * hash is stored, with the PKCE verifier sealed. The refresh token the code is redeemed
 * for is stored sealed as the source's {@code refresh_token}.
 */
@Component
class OneNoteConnections {

	static final String NOTES_READ = "https://graph.microsoft.com/Notes.Read";

	static final String SITES_READ_ALL = "https://graph.microsoft.com/Sites.Read.All";

	private static final Logger log = LoggerFactory.getLogger(OneNoteConnections.class);

	private final SourceService sources;

	private final ConnectStates states;

	private final SecretBox secrets;

	private final MicrosoftTokenClient tokens;

	private final SourceProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	OneNoteConnections(SourceService sources, ConnectStates states, SecretBox secrets, MicrosoftTokenClient tokens,
			SourceProperties properties, Clock clock) {
		this.sources = sources;
		this.states = states;
		this.secrets = secrets;
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a connection.
	 * @param sourceId the OneNote source
	 * @param adminId the administrator connecting it
	 * @return the authorization page to send the administrator to
	 * @throws ApiException 404 when there is no such source, 400 when it is not a OneNote
	 * source, 503 when the app registration or the encryption key is not configured
	 */
	AuthorizationRedirect start(UUID sourceId, UUID adminId) {
		OneNoteConfig config = this.sources.oneNoteConfig(sourceId);
		SourceProperties.Microsoft microsoft = this.properties.microsoft();
		if (microsoft.clientId() == null || microsoft.clientId().isBlank() || microsoft.redirectUri() == null) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Microsoft connection not configured",
					"OneNote accounts cannot be connected until the platform's Microsoft app registration is "
							+ "configured: set noterag.sources.microsoft.client-id and redirect-uri "
							+ "(NOTERAG_SOURCES_MICROSOFT_CLIENT_ID, NOTERAG_SOURCES_MICROSOFT_REDIRECT_URI).");
		}
		if (!this.secrets.canSeal()) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Credentials cannot be stored",
					"This service has no key to encrypt the account's refresh token with: set noterag.secrets.key "
							+ "(NOTERAG_SECRETS_KEY) to the base64 encoding of 32 random bytes.");
		}
		String state = randomToken();
		String verifier = randomToken();
		String stateHash = sha256Hex(state);
		String scope = NOTES_READ + (OneNoteConfig.SITE.equals(config.scope()) ? " " + SITES_READ_ALL : "")
				+ " offline_access";
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		this.states.deleteExpired(now);
		this.states.save(new ConnectState(stateHash, sourceId, adminId, this.secrets.seal(verifier, context(stateHash)),
				scope, now, now.plus(this.properties.connect().stateTtl())));
		String url = UriComponentsBuilder.fromUri(microsoft.authorityUrl())
			.pathSegment(microsoft.tenantId(), "oauth2", "v2.0", "authorize")
			.queryParam("client_id", microsoft.clientId())
			.queryParam("response_type", "code")
			.queryParam("redirect_uri", microsoft.redirectUri().toString())
			.queryParam("response_mode", "query")
			.queryParam("scope", scope)
			.queryParam("state", state)
			.queryParam("code_challenge", challenge(verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();
		log.info("Connection of data source {} to a Microsoft account started by {}", sourceId, adminId);
		return new AuthorizationRedirect(url);
	}

	/**
	 * Finishes a connection when the identity platform sends the administrator back.
	 * @param code the authorization code, or {@code null} when the platform sent an error
	 * @param state the state of the authorization request
	 * @param error the platform's error code, e.g. {@code access_denied}
	 * @param errorDescription the platform's error description
	 * @return the connected source
	 * @throws ConnectionProblem when the state is unknown, used or expired, the platform
	 * sent an error, or it refused the code
	 */
	ConnectedSource complete(String code, String state, String error, String errorDescription) {
		if (state == null || state.isBlank()) {
			throw new ConnectionProblem(HttpStatus.BAD_REQUEST, "Invalid connection state",
					"The callback has no 'state': start the connection again with "
							+ "POST /api/v2/admin/sources/{id}/connect.",
					"invalid_state");
		}
		String stateHash = sha256Hex(state);
		ConnectState pending = this.states.take(stateHash)
			.orElseThrow(() -> new ConnectionProblem(HttpStatus.BAD_REQUEST, "Invalid connection state",
					"This connection link is unknown or has already been used: start the connection again with "
							+ "POST /api/v2/admin/sources/{id}/connect.",
					"invalid_state"));
		if (this.clock.instant().isAfter(pending.expiresAt())) {
			throw new ConnectionProblem(HttpStatus.BAD_REQUEST, "Connection expired",
					"This connection link expired at " + pending.expiresAt() + ": start the connection of data source "
							+ pending.sourceId() + " again with POST /api/v2/admin/sources/" + pending.sourceId()
							+ "/connect.",
					"expired_state");
		}
		if (error != null && !error.isBlank()) {
			String description = (errorDescription != null && !errorDescription.isBlank())
					? ": " + errorDescription.strip().split("\\R", 2)[0] : "";
			log.info("Connection of data source {} refused at the identity platform: {}", pending.sourceId(), error);
			throw new ConnectionProblem(HttpStatus.BAD_REQUEST,
					"access_denied".equals(error) ? "Access denied" : "Connection refused",
					"The Microsoft account was not connected to data source " + pending.sourceId() + " (" + error
							+ description + "). Start the connection again and accept the permissions asked for.",
					error);
		}
		if (code == null || code.isBlank()) {
			throw new ConnectionProblem(HttpStatus.BAD_REQUEST, "Missing authorization code",
					"The callback has neither 'code' nor 'error': start the connection again.", "invalid_request");
		}
		String verifier;
		try {
			verifier = this.secrets.open(pending.sealedVerifier(), context(stateHash));
		}
		catch (SecretUnreadableException ex) {
			throw new ConnectionProblem(HttpStatus.BAD_REQUEST, "Invalid connection state",
					"The connection could not be finished because the encryption key changed while it was in "
							+ "progress: start it again.",
					"invalid_state");
		}
		String refreshToken = this.tokens.redeem(code, verifier, pending.scope());
		this.sources.connected(pending.sourceId(), refreshToken);
		JobView job = null;
		try {
			job = this.sources.queueSyncIfIdle(pending.sourceId()).orElse(null);
		}
		catch (ApiException ex) {
			log.info("Data source {} connected; its sync was not queued: {}", pending.sourceId(), ex.getMessage());
		}
		log.info("Data source {} connected to a Microsoft account (started by {}); {}", pending.sourceId(),
				pending.adminId(), (job != null) ? "sync job " + job.id() + " queued" : "no sync queued");
		return new ConnectedSource(pending.sourceId(), SourceStatus.OK, job);
	}

	private String randomToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** PKCE S256: base64url(SHA-256(ASCII(verifier))). */
	static String challenge(String verifier) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
	}

	private static String sha256Hex(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String context(String stateHash) {
		return "source_connect_states/" + stateHash + "/code_verifier";
	}

}
