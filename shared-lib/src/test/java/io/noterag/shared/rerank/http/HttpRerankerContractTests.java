package io.noterag.shared.rerank.http;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.noterag.shared.rerank.RerankException;
import io.noterag.shared.rerank.Reranker;
import io.noterag.shared.rerank.RerankerContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link HttpReranker} against a local server speaking Cohere's v2 rerank protocol
 * (and Jina's answers), scoring by shared words.
 */
class HttpRerankerContractTests extends RerankerContractTests {

	private static final String KEY = "co-test-4f9d2c7e81b3a6";

	private static final String MODEL = "rerank-v3.5";

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<HttpReranker> opened = new ArrayList<>();

	private FakeRerankServer server;

	@Override
	protected Reranker createReranker() throws Exception {
		this.server = new FakeRerankServer(KEY);
		// small requests, so that the contract's larger cases are split
		return new HttpReranker(this.server.url(), KEY, MODEL, Duration.ofSeconds(5), 8);
	}

	@Override
	protected long backendCalls() {
		return this.server.requests().size();
	}

	@AfterEach
	void stopServer() {
		this.opened.forEach(HttpReranker::close);
		this.server.close();
	}

	@Test
	void shouldSendCohereRequestsWithTheKeyAsBearerToken() {
		List<Double> scores = reranker().score(QUERY, List.of(UNRELATED, ANSWER));

		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
			assertThat(request.contentType()).isEqualTo("application/json");
			JsonNode body = this.json.readTree(request.body());
			assertThat(body.propertyNames()).containsExactlyInAnyOrder("model", "query", "documents", "top_n");
			assertThat(body.path("model").stringValue()).isEqualTo(MODEL);
			assertThat(body.path("query").stringValue()).isEqualTo(QUERY);
			assertThat(body.path("documents").values()).extracting(JsonNode::stringValue)
				.containsExactly(UNRELATED, ANSWER);
			assertThat(body.path("top_n").intValue()).isEqualTo(2);
		});
		// the endpoint answers best first; the scores come back in the passages' order
		assertThat(scores).containsExactly(1.0 / 7, 4.0 / 7);
	}

	@Test
	void shouldSplitPassagesIntoRequestsOfAtMostTheConfiguredSize() {
		List<String> passages = new ArrayList<>(DISTRACTORS.subList(0, 9));
		passages.add(ANSWER);
		HttpReranker allAtOnce = open(KEY, MODEL, Duration.ofSeconds(5), 100);
		HttpReranker fourAtATime = open(KEY, MODEL, Duration.ofSeconds(5), 4);

		List<Double> expected = allAtOnce.score(QUERY, passages);
		int before = this.server.requests().size();
		List<Double> split = fourAtATime.score(QUERY, passages);

		assertThat(split).isEqualTo(expected);
		assertThat(this.server.requests().subList(before, this.server.requests().size()))
			.extracting((request) -> this.json.readTree(request.body()).path("documents").size())
			.containsExactly(4, 4, 2);
	}

	@Test
	void shouldRankPassagesTheEndpointLeftOutBelowEveryReturnedOne() {
		this.server.returnAtMost(2);
		List<String> passages = List.of(UNRELATED, ANSWER, DISTRACTORS.get(9), DISTRACTORS.get(1));

		List<Double> scores = reranker().score(QUERY, passages);

		// returned: the answer and the other ferry passage; left out: the two others
		assertThat(scores.get(1)).isGreaterThan(scores.get(3));
		double lowestReturned = Math.min(scores.get(1), scores.get(3));
		assertThat(scores.get(0)).isFinite().isLessThan(lowestReturned);
		assertThat(scores.get(2)).isFinite().isLessThan(lowestReturned);
	}

	@Test
	void shouldReadJinaAnswersThatEchoTheDocuments() {
		this.server.answerLikeJina();

		List<Double> scores = reranker().score(QUERY, List.of(UNRELATED, ANSWER, DISTRACTORS.get(5)));

		assertThat(scores).containsExactly(1.0 / 7, 4.0 / 7, 2.0 / 7);
	}

	@Test
	void shouldSendNoAuthorizationWhenNoKeyIsSet() throws Exception {
		try (FakeRerankServer open = new FakeRerankServer(null);
				HttpReranker reranker = new HttpReranker(open.url(), " ", MODEL, Duration.ofSeconds(5), 100)) {
			reranker.score(QUERY, List.of(ANSWER));

			assertThat(open.requests()).singleElement()
				.satisfies((request) -> assertThat(request.authorization()).isNull());
		}
	}

	@Test
	void shouldLeaveOutTheModelWhenNoneIsSetAndReportTheEndpointsComplaint() {
		HttpReranker withoutModel = open(KEY, null, Duration.ofSeconds(5), 100);

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> withoutModel.score(QUERY, List.of(ANSWER)))
			.withMessageContaining("400")
			.withMessageContaining("invalid request: model must be a string");
		assertThat(this.json.readTree(this.server.requests().getLast().body()).has("model")).isFalse();
		assertThat(withoutModel.name()).isEqualTo("127.0.0.1");
	}

	@Test
	void shouldReportAWrongKeyWithTheProvidersMessageButNotTheKey() {
		String wrongKey = "co-wrong-0a1b2c3d4e5f";
		HttpReranker reranker = open(wrongKey, MODEL, Duration.ofSeconds(5), 100);

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker.score(QUERY, List.of(ANSWER)))
			.withMessageContaining("401")
			.withMessageContaining("invalid api token")
			.withMessageContaining(this.server.url().toString())
			.withMessageNotContaining(wrongKey);
	}

	@Test
	void shouldNeverRevealTheKeyEvenWhenTheEndpointEchoesIt() {
		this.server.answerWith(401, "application/json",
				"{\"message\":\"invalid api token: " + KEY + " is not a valid key\"}");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("401")
			.withMessageContaining("invalid api token: *** is not a valid key")
			.withMessageNotContaining(KEY);
	}

	@Test
	void shouldReportTooManyRequestsWithTheProvidersMessage() {
		this.server.answerWith(429, "application/json",
				"{\"id\":\"8bd5a8f4-3b4a-4c8e-9d3e-2f1b7c6a5e40\",\"message\":\"You are using a Trial key, which is "
						+ "limited to 10 API calls / minute. You can continue to use the Trial key for free or "
						+ "upgrade to a Production key with higher rate limits.\"}");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("429")
			.withMessageContaining("limited to 10 API calls / minute");
	}

	@Test
	void shouldReportJinaStyleDetailMessages() {
		this.server.answerWith(422, "application/json",
				"{\"detail\":[{\"loc\":[\"body\",\"top_n\"],\"msg\":\"Input should be a valid integer\","
						+ "\"type\":\"int_parsing\"}]}");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("422")
			.withMessageContaining("Input should be a valid integer");
	}

	@Test
	void shouldReportAProxyErrorPage() {
		this.server.answerWith(502, "text/html",
				"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
						+ "<hr><center>nginx</center></body></html>");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("502")
			.withMessageContaining("Bad Gateway");
	}

	@Test
	void shouldReportMalformedJson() {
		this.server.answerWith(200, "application/json", "{\"id\":\"a1\",\"results\":[{\"index\":0,\"relevance_sc");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("malformed JSON");
	}

	@Test
	void shouldReportAnAnswerWithoutResults() {
		this.server.answerWith(200, "application/json",
				"{\"id\":\"a1\",\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":{\"search_units\":1}}}");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("\"results\"");
	}

	@Test
	void shouldReportAResultForADocumentThatWasNotSent() {
		this.server.answerWith(200, "application/json",
				"{\"id\":\"a1\",\"results\":[{\"index\":0,\"relevance_score\":0.9},{\"index\":2,\"relevance_score\":0.1}]}");

		assertThatExceptionOfType(RerankException.class)
			.isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER, UNRELATED)))
			.withMessageContaining("\"index\"")
			.withMessageContaining("2");
	}

	@Test
	void shouldReportAResultWithoutAScore() {
		this.server.answerWith(200, "application/json",
				"{\"id\":\"a1\",\"results\":[{\"index\":0,\"relevance_score\":\"high\"}]}");

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker().score(QUERY, List.of(ANSWER)))
			.withMessageContaining("relevance_score");
	}

	@Test
	void shouldGiveUpWhenTheEndpointAnswersTooLate() {
		this.server.answerAfter(Duration.ofSeconds(3));
		HttpReranker impatient = open(KEY, MODEL, Duration.ofMillis(300), 100);
		long start = System.nanoTime();

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> impatient.score(QUERY, List.of(ANSWER)))
			.withMessageContaining("did not answer within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void shouldReportAnEndpointThatCannotBeReached() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		URI nothingThere = URI.create("http://127.0.0.1:" + port + "/v2/rerank");
		try (HttpReranker reranker = new HttpReranker(nothingThere, KEY, MODEL, Duration.ofSeconds(2), 100)) {
			assertThatExceptionOfType(RerankException.class).isThrownBy(() -> reranker.score(QUERY, List.of(ANSWER)))
				.withMessageContaining(nothingThere.toString())
				.withMessageContaining("could not be reached")
				.withMessageNotContaining(KEY);
		}
	}

	@Test
	void shouldNotShowTheKeyWhenPrinted() {
		assertThat(reranker().toString()).doesNotContain(KEY).contains("***");
	}

	private HttpReranker open(String key, String model, Duration timeout, int maxDocumentsPerRequest) {
		HttpReranker reranker = new HttpReranker(this.server.url(), key, model, timeout, maxDocumentsPerRequest);
		this.opened.add(reranker);
		return reranker;
	}

}
