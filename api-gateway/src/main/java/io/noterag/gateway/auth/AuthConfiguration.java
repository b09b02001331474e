package io.noterag.gateway.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import io.noterag.gateway.audit.AuditLog;
import io.noterag.gateway.auth.internal.RefreshTokenRepository;
import io.noterag.gateway.auth.internal.SigningKeyRepository;
import io.noterag.gateway.auth.internal.SigningKeys;
import io.noterag.gateway.auth.internal.TokenIssuer;
import io.noterag.gateway.auth.internal.UserRepository;
import io.noterag.shared.security.SecurityProperties;

/** Sign-in, tokens and the signing key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AuthProperties.class, SecurityProperties.class })
@EnableScheduling
public class AuthConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

	@Bean
	SigningKeys signingKeys(AuthProperties properties, JdbcTemplate jdbcTemplate) throws IOException {
		Resource pem = properties.signingKey().privateKeyLocation();
		if (pem != null) {
			try (InputStream in = pem.getInputStream()) {
				return SigningKeys.fromPem(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return SigningKeys.fromDatabase(new SigningKeyRepository(jdbcTemplate));
	}

	@Bean
	TokenIssuer tokenIssuer(SigningKeys keys, SecurityProperties security, AuthProperties properties) {
		return new TokenIssuer(keys, security.issuer(), properties.accessTokenTtl());
	}

	@Bean
	UserRepository userRepository(JdbcTemplate jdbcTemplate) {
		return new UserRepository(jdbcTemplate);
	}

	@Bean
	RefreshTokenRepository refreshTokenRepository(JdbcTemplate jdbcTemplate) {
		return new RefreshTokenRepository(jdbcTemplate);
	}

	@Bean
	@ConditionalOnBooleanProperty("noterag.auth.dev.enabled")
	DevIdentityProvider devIdentityProvider() {
		return new DevIdentityProvider();
	}

	@Bean
	ServiceClients serviceClients(AuthProperties properties, SecurityProperties security) {
		return new ServiceClients(properties.serviceClients(), security.clientSecret(),
				properties.requireStrongClientSecret());
	}

	@Bean
	AuthService authService(List<IdentityProvider> providers, UserRepository users,
			RefreshTokenRepository refreshTokens, TokenIssuer issuer, TransactionTemplate transactions,
			AuditLog auditLog, AuthProperties properties) {
		return new AuthService(providers, users, refreshTokens, issuer, transactions, auditLog,
				properties.refreshTokenTtl());
	}

	@Bean
	RefreshTokenPurge refreshTokenPurge(RefreshTokenRepository refreshTokens) {
		return new RefreshTokenPurge(refreshTokens);
	}

	/**
	 * Deletes refresh-token families that expired more than a day ago. Every replica runs
	 * it; the delete is idempotent.
	 */
	static class RefreshTokenPurge {

		private final RefreshTokenRepository refreshTokens;

		RefreshTokenPurge(RefreshTokenRepository refreshTokens) {
			this.refreshTokens = refreshTokens;
		}

		@Scheduled(initialDelayString = "PT5M", fixedDelayString = "${noterag.auth.purge-interval:PT1H}")
		void purge() {
			try {
				int deleted = this.refreshTokens.purgeExpired(Duration.ofDays(1));
				if (deleted > 0) {
					log.info("Deleted {} expired refresh tokens", deleted);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not delete expired refresh tokens: {}", ex.getMessage());
			}
		}

	}

}
