package io.noterag.gateway.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.noterag.gateway.audit.AuditEntry;
import io.noterag.gateway.audit.AuditLog;
import io.noterag.gateway.auth.AuthResponses.LoginResponse;
import io.noterag.gateway.auth.AuthResponses.RefreshResponse;
import io.noterag.gateway.auth.AuthResponses.UserView;
import io.noterag.gateway.auth.internal.RefreshTokenRepository;
import io.noterag.gateway.auth.internal.RefreshTokenRepository.StoredToken;
import io.noterag.gateway.auth.internal.TokenIssuer;
import io.noterag.gateway.auth.internal.TokenIssuer.AccessToken;
import io.noterag.gateway.auth.internal.UserAccount;
import io.noterag.gateway.auth.internal.UserRepository;
import io.noterag.gateway.web.ProblemException;
import io.noterag.shared.web.ApiException;

/**
 * Sign-in, refresh and logout. Database work runs in transactions on the bounded-elastic
 * scheduler; everything a second replica needs is in the database.
 */
class AuthService {

	private static final Logger log = LoggerFactory.getLogger(AuthService.class);

	private static final String BEARER = "Bearer";

	private final Map<String, IdentityProvider> providers;

	private final UserRepository users;

	private final RefreshTokenRepository refreshTokens;

	private final TokenIssuer issuer;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Duration refreshTtl;

	AuthService(List<IdentityProvider> providers, UserRepository users, RefreshTokenRepository refreshTokens,
			TokenIssuer issuer, TransactionTemplate transactions, AuditLog audit, Duration refreshTtl) {
		Map<String, IdentityProvider> byId = new LinkedHashMap<>();
		providers.forEach((p) -> byId.put(p.id(), p));
		this.providers = byId;
		this.users = users;
		this.refreshTokens = refreshTokens;
		this.issuer = issuer;
		this.transactions = transactions;
		this.audit = audit;
		this.refreshTtl = refreshTtl;
	}

	Mono<LoginResponse> login(LoginRequest request, Caller caller) {
		if (request == null || request.provider() == null || request.provider().isBlank()) {
			return Mono.error(unknownProvider("provider: required."));
		}
		IdentityProvider provider = this.providers.get(request.provider());
		if (provider == null) {
			return Mono.error(unknownProvider("provider: '" + request.provider() + "' is unknown or disabled."));
		}
		return provider.authenticate(request).flatMap((identity) -> blocking(() -> inTransaction(() -> {
			UserAccount user = this.users.upsertOnLogin(identity.email(), identity.name(), identity.role());
			if (!user.active()) {
				return new SignIn(user, null);
			}
			return new SignIn(user, this.refreshTokens.issue(user.id(), UUID.randomUUID(), this.refreshTtl).token());
		}))).flatMap((signIn) -> {
			UserAccount user = signIn.user();
			if (signIn.refreshToken() == null) {
				return this.audit.record(caller.entry(user.id(), "login_refused", Map.of("reason", "inactive")))
					.then(Mono.error(ApiException.forbidden("This account is deactivated.")));
			}
			AccessToken access = this.issuer.forUser(user);
			LoginResponse response = new LoginResponse(access.value(), signIn.refreshToken(), BEARER,
					access.expiresIn(), view(user));
			return this.audit.record(caller.entry(user.id(), "login", Map.of("provider", provider.id())))
				.thenReturn(response);
		});
	}

	Mono<RefreshResponse> refresh(String refreshToken, Caller caller) {
		if (refreshToken == null || refreshToken.isBlank()) {
			return Mono.error(ApiException.badRequest("refresh_token: required."));
		}
		return blocking(() -> inTransaction(() -> rotate(refreshToken))).flatMap((outcome) -> {
			if (outcome.rejection() != null) {
				Mono<Void> audited = (outcome.userId() != null) ? this.audit.record(
						caller.entry(outcome.userId(), outcome.auditAction(), Map.of("reason", outcome.rejection())))
						: Mono.empty();
				return audited.then(Mono.error(unauthorized(outcome.rejection())));
			}
			AccessToken access = this.issuer.forUser(outcome.user());
			return Mono.just(new RefreshResponse(access.value(), outcome.refreshToken(), BEARER, access.expiresIn()));
		});
	}

	private Rotation rotate(String presented) {
		StoredToken stored = this.refreshTokens.lock(presented).orElse(null);
		if (stored == null) {
			return Rotation.rejected(null, null, "The refresh token is not valid.");
		}
		if (stored.rotated() || stored.revoked()) {
			int revoked = this.refreshTokens.revokeFamily(stored.familyId());
			if (stored.rotated() && revoked > 0) {
				log.warn("A rotated refresh token was presented again: revoked its family {} ({} tokens)",
						stored.familyId(), revoked);
				return Rotation.rejected(stored.userId(), "refresh_token_reuse",
						"The refresh token was already used; this sign-in has been revoked. Sign in again.");
			}
			return Rotation.rejected(stored.userId(), null, "The refresh token has been revoked. Sign in again.");
		}
		if (stored.expired()) {
			return Rotation.rejected(stored.userId(), null, "The refresh token has expired. Sign in again.");
		}
		UserAccount user = this.users.findById(stored.userId()).orElse(null);
		if (user == null || !user.active()) {
			this.refreshTokens.revokeFamily(stored.familyId());
			return Rotation.rejected(stored.userId(), null, "This account is deactivated.");
		}
		RefreshTokenRepository.Issued next = this.refreshTokens.issue(user.id(), stored.familyId(), this.refreshTtl);
		this.refreshTokens.markReplaced(stored.id(), next.id());
		return new Rotation(user, next.token(), null, null, null);
	}

	/**
	 * Revokes the caller's refresh tokens: the family of the given token when it is the
	 * caller's, otherwise every refresh token of the caller.
	 */
	Mono<Void> logout(String subject, String refreshToken, Caller caller) {
		UUID userId = AuditLog.userIdOf(subject);
		if (userId == null) {
			return Mono.empty();
		}
		return blocking(() -> (refreshToken != null && !refreshToken.isBlank())
				? this.refreshTokens.revokeFamilyOf(refreshToken, userId) : this.refreshTokens.revokeAllOfUser(userId))
			.flatMap((revoked) -> this.audit.record(caller.entry(userId, "logout", Map.of("revoked_tokens", revoked))));
	}

	private <T> T inTransaction(Callable<T> work) {
		return this.transactions.execute((status) -> {
			try {
				return work.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static <T> Mono<T> blocking(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
	}

	private ProblemException unknownProvider(String detail) {
		List<String> enabled = List.copyOf(this.providers.keySet());
		String hint = enabled.isEmpty() ? " No login provider is enabled on this server."
				: " Enabled providers: " + String.join(", ", enabled) + ".";
		return new ProblemException(HttpStatus.BAD_REQUEST, "Bad request", detail + hint,
				Map.of("enabled_providers", enabled));
	}

	private static ApiException unauthorized(String detail) {
		return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
	}

	static UserView view(UserAccount user) {
		return new UserView(user.id(), user.email(), user.name(), user.role());
	}

	private record SignIn(UserAccount user, String refreshToken) {

	}

	private record Rotation(UserAccount user, String refreshToken, UUID userId, String auditAction, String rejection) {

		static Rotation rejected(UUID userId, String auditAction, String rejection) {
			return new Rotation(null, null, userId, (auditAction != null) ? auditAction : "refresh_refused", rejection);
		}

	}

	/**
	 * Who is calling, for the audit trail.
	 *
	 * @param ipAddress the caller's address
	 * @param userAgent the caller's agent
	 * @param requestId the request id
	 */
	record Caller(String ipAddress, String userAgent, String requestId) {

		AuditEntry entry(UUID userId, String action, Map<String, Object> details) {
			Map<String, Object> all = new LinkedHashMap<>(details);
			all.put("request_id", this.requestId);
			return new AuditEntry(userId, action, "user", (userId != null) ? userId.toString() : null, this.ipAddress,
					this.userAgent, all);
		}

	}

}
