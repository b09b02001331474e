package io.noterag.indexing.plugin.microsoft;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.noterag.indexing.testsupport.TestSourceContext;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer.Reply;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceThrottledException;
import io.noterag.shared.source.plugin.SourceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GraphClientTests {

	private LocalGraphServer server;

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private GraphClient graph;

	private GraphAuthorization auth;

	@BeforeEach
	void start() {
		this.server = LocalGraphServer.start();
		this.graph = this.server.client(this.waits, Duration.ofSeconds(10));
		this.server.acceptRefreshToken("M.C507_BAY.0.U.-refresh", null);
		TestSourceContext<Object> source = TestSourceContext.of(new Object(),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.C507_BAY.0.U.-refresh"));
		this.auth = this.server.tokens().delegated(source);
		this.server.on("GET", "/v1.0/me/onenote/notebooks", (request) -> {
			int skip = request.intParam("$skip", 0);
			List<String> values = new ArrayList<>();
			for (int i = skip; i < Math.min(skip + 2, 5); i++) {
				values.add("{\"id\":\"0-notebook-" + i + "\",\"displayName\":\"Notebook " + i + "\"}");
			}
			String next = (skip + 2 < 5) ? this.server.graphUrl() + "/me/onenote/notebooks?$skip=" + (skip + 2) : null;
			return Reply.json(200, LocalGraphServer.collection(
					"https://graph.microsoft.com/v1.0/$metadata#users('me')/onenote/notebooks", values, next, null));
		});
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldFollowNextLinksUntilTheLastPage() {
		List<JsonNode> notebooks = this.graph.list(this.auth, "/me/onenote/notebooks");

		assertThat(notebooks).extracting((n) -> n.path("id").asString())
			.containsExactly("0-notebook-0", "0-notebook-1", "0-notebook-2", "0-notebook-3", "0-notebook-4");
		assertThat(this.server.requests("/v1.0/me/onenote/notebooks")).hasSize(3)
			.allSatisfy((r) -> assertThat(r.authorization()).startsWith("Bearer eyJ"));
	}

	@Test
	void shouldWaitOutThrottlingAndThenSucceed() {
		this.server.throttle("/v1.0/me/onenote/notebooks", 2, 429, "3");

		List<JsonNode> notebooks = this.graph.list(this.auth, "/me/onenote/notebooks");

		assertThat(notebooks).hasSize(5);
		assertThat(this.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
		assertThat(this.server.requests("/v1.0/me/onenote/notebooks")).hasSize(5);
	}

	@Test
	void shouldBackOffOnServiceUnavailableWithoutRetryAfter() {
		this.server.throttle("/v1.0/me/onenote/notebooks", 2, 503, null);

		assertThat(this.graph.list(this.auth, "/me/onenote/notebooks")).hasSize(5);
		assertThat(this.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void shouldReportThrottlingBeyondTheBudgetWithTheWaitAskedFor() {
		this.server.throttle("/v1.0/me/onenote/notebooks", 1, 429, "30");

		assertThatExceptionOfType(SourceThrottledException.class)
			.isThrownBy(() -> this.graph.list(this.auth, "/me/onenote/notebooks"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)))
			.withMessageContaining("HTTP 429");
		assertThat(this.waits).isEmpty();
	}

	@Test
	void shouldStopWaitingOnceTheTotalWaitWouldExceedTheBudget() {
		this.server.throttle("/v1.0/me/onenote/notebooks", 5, 429, "4");

		assertThatExceptionOfType(SourceThrottledException.class)
			.isThrownBy(() -> this.graph.get(this.auth, "/me/onenote/notebooks"));
		assertThat(this.waits).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
	}

	@Test
	void shouldTreatNotFoundAsGone() {
		assertThat(this.graph.get(this.auth, "/me/onenote/pages/missing")).isNull();
		assertThat(this.graph.list(this.auth, "/me/onenote/sections/missing/pages")).isNull();
		assertThat(this.graph.download(this.auth, "/me/onenote/resources/missing/$value", 100)).isNull();
	}

	@Test
	void shouldReportRefusedAccessWithGraphsErrorCodeAndMessage() {
		this.server.on("GET", "/v1.0/me/onenote/sections", (request) -> Reply.error(403, "accessDenied",
				"The caller does not have permission to perform the action."));

		assertThatExceptionOfType(SourceAuthenticationException.class)
			.isThrownBy(() -> this.graph.get(this.auth, "/me/onenote/sections"))
			.withMessageContaining("HTTP 403, accessDenied: The caller does not have permission")
			.withMessageContaining("request id b6c1f0b2")
			.withMessageNotContaining("eyJ");
	}

	@Test
	void shouldReportServerErrorsAsUnavailable() {
		this.server.on("GET", "/v1.0/me/onenote/sections",
				(request) -> Reply.error(500, "generalException", "An unexpected error occurred."));

		assertThatExceptionOfType(SourceUnavailableException.class)
			.isThrownBy(() -> this.graph.get(this.auth, "/me/onenote/sections"))
			.withMessageContaining("generalException");
	}

	@Test
	void shouldReportBadRequestsWithTheirStatus() {
		this.server.on("GET", "/v1.0/me/onenote/sections",
				(request) -> Reply.error(400, "20266", "The number of maximum sections is exceeded for this request."));

		assertThatExceptionOfType(GraphRequestException.class)
			.isThrownBy(() -> this.graph.get(this.auth, "/me/onenote/sections"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void shouldAskForANewTokenOnceWhenGraphRefusesTheCachedOne() {
		this.graph.get(this.auth, "/me/onenote/notebooks");
		this.server.invalidateAccessTokens();

		assertThat(this.graph.get(this.auth, "/me/onenote/notebooks")).isNotNull();
		assertThat(this.server.tokenRequests()).hasSize(2);
	}

	@Test
	void shouldFollowADownloadRedirectWithoutTheToken() {
		this.server.on("GET", "/v1.0/drives/b!drive/items/01ITEM/content",
				(request) -> Reply.redirect(this.server.otherHostUrl() + "/download/01ITEM?tempauth=v1.abc"));
		this.server.on("GET", "/download/01ITEM",
				(request) -> (request.authorization() != null)
						? Reply.error(400, "invalidRequest", "Unexpected Authorization header")
						: Reply.bytes("application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));

		GraphContent content = this.graph.download(this.auth, "/drives/b!drive/items/01ITEM/content", 1000);

		assertThat(new String(content.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
		assertThat(content.contentType()).isEqualTo("application/pdf");
		assertThat(this.server.requests("/download/")).singleElement()
			.satisfies((r) -> assertThat(r.authorization()).isNull());
	}

	@Test
	void shouldRefuseToSendTheTokenToAnotherHost() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> this.graph.get(this.auth, "https://attacker.example/v1.0/me"))
			.withMessageContaining("attacker.example");
		assertThat(this.graph.isGraphUrl(this.server.graphUrl() + "/me/onenote/resources/x/$value")).isTrue();
		assertThat(this.graph.isGraphUrl(this.server.otherHostUrl() + "/v1.0/me")).isFalse();
	}

	@Test
	void shouldReportAnUnreachableHostAsUnavailable() {
		GraphClient unreachable = new GraphClient("http://127.0.0.1:" + closedPort() + "/v1.0",
				new io.noterag.indexing.plugin.microsoft.internal.GraphHttp(Duration.ofSeconds(1),
						Duration.ofSeconds(1), Duration.ZERO, (wait) -> {
						}));

		assertThatExceptionOfType(SourceUnavailableException.class)
			.isThrownBy(() -> unreachable.get(this.auth, "/me/onenote/notebooks"))
			.withMessageContaining("127.0.0.1");
	}

	private static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
