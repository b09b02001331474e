package io.noterag.indexing.plugin.microsoft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.noterag.indexing.testsupport.TestSourceContext;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceAuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MicrosoftTokensTests {

	private LocalGraphServer server;

	private MutableClock clock;

	private MicrosoftTokens tokens;

	@BeforeEach
	void start() {
		this.server = LocalGraphServer.start();
		this.clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
		this.tokens = this.server.tokens(this.clock);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldUseTheRefreshTokenGrantWithTheNotesScopeAndSaveARotatedRefreshToken() {
		this.server.acceptRefreshToken("M.R3_BAY.first", "M.R3_BAY.second");
		TestSourceContext<Object> source = TestSourceContext.of(new Object(),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.first"));

		String token = this.tokens.delegated(source).accessToken();

		assertThat(token).startsWith("eyJ");
		assertThat(this.server.tokenRequests()).singleElement().satisfies((form) -> {
			assertThat(form).containsEntry("grant_type", "refresh_token")
				.containsEntry("refresh_token", "M.R3_BAY.first")
				.containsEntry("client_id", LocalGraphServer.CLIENT_ID)
				.containsEntry("scope", "https://graph.microsoft.com/Notes.Read offline_access");
		});
		assertThat(source.credentialUpdates()).containsExactly(Map.of("refresh_token", "M.R3_BAY.second"));
	}

	@Test
	void shouldReuseTheAccessTokenUntilShortlyBeforeItExpires() {
		this.server.acceptRefreshToken("M.R3_BAY.same", null);
		TestSourceContext<Object> source = TestSourceContext.of(new Object(),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.same"));
		GraphAuthorization auth = this.tokens.delegated(source);

		String first = auth.accessToken();
		this.clock.advance(Duration.ofMinutes(50));
		String second = this.tokens.delegated(source).accessToken();
		this.clock.advance(Duration.ofMinutes(8));
		String third = auth.accessToken();

		assertThat(second).isEqualTo(first);
		assertThat(third).isNotEqualTo(first);
		assertThat(this.server.tokenRequests()).hasSize(2);
		assertThat(source.credentialUpdates()).isEmpty();
	}

	@Test
	void shouldUseTheRotatedRefreshTokenForTheNextRenewal() {
		this.server.acceptRefreshToken("M.R3_BAY.one", "M.R3_BAY.two");
		this.server.acceptRefreshToken("M.R3_BAY.two", "M.R3_BAY.three");
		TestSourceContext<Object> source = TestSourceContext.of(new Object(),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.one"));

		this.tokens.delegated(source).accessToken();
		this.clock.advance(Duration.ofHours(2));
		this.tokens.delegated(source).accessToken();

		assertThat(this.server.tokenRequests()).extracting((form) -> form.get("refresh_token"))
			.containsExactly("M.R3_BAY.one", "M.R3_BAY.two");
		assertThat(source.credentials()).containsEntry("refresh_token", "M.R3_BAY.three");
	}

	@Test
	void shouldAskForReconnectionWhenConsentWasRevoked() {
		this.server.revokeRefreshToken("M.R3_BAY.revoked", 65001);
		TestSourceContext<Object> source = TestSourceContext.of(new Object(),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.revoked"));

		assertThatExceptionOfType(ReconnectRequiredException.class)
			.isThrownBy(() -> this.tokens.delegated(source).accessToken())
			.withMessageContaining("consent")
			.withMessageContaining("AADSTS65001")
			.withMessageContaining("connect their Microsoft account again")
			.withMessageNotContaining("M.R3_BAY")
			.withMessageNotContaining(LocalGraphServer.CLIENT_SECRET)
			.withMessageNotContaining("Trace ID");
	}

	@Test
	void shouldAskForReconnectionWhenTheRefreshTokenExpiredOrWasRevoked() {
		this.server.revokeRefreshToken("M.R3_BAY.idle", 70008);
		this.server.revokeRefreshToken("M.R3_BAY.password", 50173);

		assertThatExceptionOfType(ReconnectRequiredException.class)
			.isThrownBy(() -> this.tokens
				.delegated(TestSourceContext.of(new Object(), Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.idle")))
				.accessToken())
			.withMessageContaining("not used for too long")
			.withMessageContaining("AADSTS70008");
		assertThatExceptionOfType(ReconnectRequiredException.class)
			.isThrownBy(() -> this.tokens
				.delegated(
						TestSourceContext.of(new Object(), Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.password")))
				.accessToken())
			.withMessageContaining("revoked")
			.withMessageContaining("AADSTS50173");
	}

	@Test
	void shouldAskForAConnectionWhenTheSourceHasNoRefreshToken() {
		assertThatExceptionOfType(ReconnectRequiredException.class)
			.isThrownBy(() -> this.tokens.delegated(TestSourceContext.of(new Object(), Map.of())).accessToken())
			.withMessageContaining("connect");
		assertThat(this.server.tokenRequests()).isEmpty();
	}

	@Test
	void shouldTakeAnApplicationTokenWithClientCredentialsForTheTenant() {
		TestSourceContext<Object> source = TestSourceContext.of(new Object(), Map.of());

		assertThat(this.tokens.application(source).accessToken()).startsWith("eyJ");
		assertThat(this.server.tokenRequests()).singleElement()
			.satisfies((form) -> assertThat(form).containsEntry("grant_type", "client_credentials")
				.containsEntry("scope", "https://graph.microsoft.com/.default")
				.containsEntry("client_id", LocalGraphServer.CLIENT_ID));
	}

	@Test
	void shouldUseTheSourcesOwnAppRegistrationWhenItHasOne() {
		this.server.registerApp("contoso.onmicrosoft.com", "own-client", "own-secret");
		TestSourceContext<Object> source = TestSourceContext.of(new Object(), Map.of("tenant_id",
				"contoso.onmicrosoft.com", "client_id", "own-client", "client_secret", "own-secret"));

		assertThat(this.tokens.application(source).accessToken()).isNotBlank();
		assertThat(this.server.tokenRequests()).singleElement()
			.satisfies((form) -> assertThat(form).containsEntry("client_id", "own-client"));
	}

	@Test
	void shouldRefuseAWrongClientSecretWithoutAskingForReconnection() {
		TestSourceContext<Object> source = TestSourceContext.of(new Object(), Map.of("tenant_id",
				LocalGraphServer.TENANT_ID, "client_id", LocalGraphServer.CLIENT_ID, "client_secret", "wrong~secret"));

		assertThatExceptionOfType(SourceAuthenticationException.class)
			.isThrownBy(() -> this.tokens.application(source).accessToken())
			.isNotInstanceOf(ReconnectRequiredException.class)
			.withMessageContaining("AADSTS7000215")
			.withMessageContaining("Invalid client secret")
			.withMessageNotContaining("wrong~secret");
	}

	@Test
	void shouldRefuseClientCredentialsWithoutATenant() {
		MicrosoftTokens common = new MicrosoftTokens(new MicrosoftGraphProperties(this.server.baseUrl(), "common",
				LocalGraphServer.CLIENT_ID, LocalGraphServer.CLIENT_SECRET, this.server.graphUrl(),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(2)));

		assertThatExceptionOfType(SourceAuthenticationException.class)
			.isThrownBy(() -> common.application(TestSourceContext.of(new Object(), Map.of())).accessToken())
			.withMessageContaining("tenant");
	}

	@Test
	void shouldNeverShowTheClientSecretInThePropertiesText() {
		assertThat(this.server.properties(Duration.ZERO).toString()).doesNotContain(LocalGraphServer.CLIENT_SECRET)
			.contains("***");
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
