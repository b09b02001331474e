package io.noterag.shared.rerank.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.noterag.shared.rerank.RerankException;
import io.noterag.shared.rerank.Reranker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Reranker} that calls a Cohere/Jina-style rerank endpoint (Cohere's
 * {@code /v2/rerank}, Jina's {@code /v1/rerank} and the self-hosted servers that copy
 * them).
 *
 * <p>
 * Each request is a {@code POST} of {@code {"model", "query", "documents", "top_n"}} to
 * the configured URL, with {@code Authorization: Bearer <key>} when a key is set; the
 * answer's {@code results} ({@code index}, {@code relevance_score}) are mapped back to
 * the passages' order and everything else in it ({@code id}, {@code meta}, {@code usage},
 * echoed documents) is ignored. {@code top_n} asks for every passage of the request; a
 * passage the endpoint leaves out all the same gets a score below every returned one.
 * More passages than {@code maxDocumentsPerRequest} are sent in several requests, one
 * after the other; providers' relevance scores do not depend on the other documents of a
 * request, so they stay comparable.
 *
 * <p>
 * A refused connection, a timeout, a status other than 2xx or a body that is not such an
 * answer throws a {@link RerankException} whose message has the status and the provider's
 * own error message; the API key never appears in it, not even when the provider echoes
 * it. The JDK's HTTP client is used on purpose rather than a Spring
 * {@code RestClient.Builder}, which services customise to forward their own tokens.
 * Thread-safe.
 */
public class HttpReranker implements Reranker, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HttpReranker.class);

	private static final int MAX_ERROR_TEXT = 300;

	private final URI url;

	private final String apiKey;

	private final String model;

	private final Duration timeout;

	private final int maxDocumentsPerRequest;

	private final HttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Creates the reranker; nothing is sent until the first call.
	 * @param url the endpoint's full URL, {@code http} or {@code https}
	 * @param apiKey the bearer token; {@code null} or blank sends no
	 * {@code Authorization} header
	 * @param model the provider's model name; {@code null} or blank leaves it out of the
	 * request
	 * @param timeout the limit for connecting and for each request's answer
	 * @param maxDocumentsPerRequest how many passages one request carries at most
	 */
	public HttpReranker(URI url, String apiKey, String model, Duration timeout, int maxDocumentsPerRequest) {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(timeout, "timeout");
		if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
			throw new IllegalArgumentException("The rerank endpoint must be an http or https URL, got " + url);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, got " + timeout);
		}
		if (maxDocumentsPerRequest < 1) {
			throw new IllegalArgumentException(
					"maxDocumentsPerRequest must be at least 1, got " + maxDocumentsPerRequest);
		}
		this.url = url;
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : null;
		this.model = (model != null && !model.isBlank()) ? model.strip() : null;
		this.timeout = timeout;
		this.maxDocumentsPerRequest = maxDocumentsPerRequest;
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public List<Double> score(String query, List<String> passages) {
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(passages, "passages");
		if (passages.isEmpty()) {
			return List.of();
		}
		double[] scores = new double[passages.size()];
		boolean[] scored = new boolean[passages.size()];
		double lowest = Double.POSITIVE_INFINITY;
		for (int from = 0; from < passages.size(); from += this.maxDocumentsPerRequest) {
			List<String> documents = passages.subList(from,
					Math.min(passages.size(), from + this.maxDocumentsPerRequest));
			JsonNode answer = send(request(query, documents));
			lowest = Math.min(lowest, readResults(answer, from, documents.size(), scores, scored));
		}
		List<Double> result = new ArrayList<>(scores.length);
		int missing = 0;
		for (int i = 0; i < scores.length; i++) {
			if (!scored[i]) {
				missing++;
			}
			result.add(scored[i] ? scores[i] : lowest - 1.0);
		}
		if (missing > 0) {
			logger.debug("The rerank endpoint left out {} of {} passages; they rank last", missing, scores.length);
		}
		return result;
	}

	@Override
	public String name() {
		return (this.model != null) ? this.model : this.url.getHost();
	}

	@Override
	public void close() {
		this.client.close();
	}

	@Override
	public String toString() {
		return "HttpReranker[url=" + this.url + ", model=" + this.model + ", apiKey="
				+ ((this.apiKey != null) ? "***" : null) + "]";
	}

	private byte[] request(String query, List<String> documents) {
		ObjectNode body = this.json.createObjectNode();
		if (this.model != null) {
			body.put("model", this.model);
		}
		body.put("query", query);
		ArrayNode array = body.putArray("documents");
		for (String document : documents) {
			array.add(Objects.requireNonNull(document, "passage"));
		}
		body.put("top_n", documents.size());
		return this.json.writeValueAsBytes(body);
	}

	private JsonNode send(byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (this.apiKey != null) {
			request.header("Authorization", "Bearer " + this.apiKey);
		}
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw failure("did not answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw failure("could not be reached: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("call was interrupted", ex);
		}
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw failure("answered " + status + ": " + errorMessage(response.body()), null);
		}
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw failure("answered " + status + " with malformed JSON: " + ex.getOriginalMessage(), null);
		}
	}

	/**
	 * Copies one answer's scores into place.
	 * @return the lowest score of the answer
	 */
	private double readResults(JsonNode answer, int offset, int count, double[] scores, boolean[] scored) {
		JsonNode results = (answer != null) ? answer.get("results") : null;
		if (results == null || !results.isArray()) {
			throw malformed("has no \"results\" array");
		}
		if (results.isEmpty()) {
			throw malformed("has no result for any of the " + count + " documents");
		}
		double lowest = Double.POSITIVE_INFINITY;
		for (JsonNode result : results) {
			JsonNode index = result.get("index");
			if (index == null || !index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0
					|| index.intValue() >= count) {
				throw malformed("has a result whose \"index\" is not one of the " + count + " documents: " + index);
			}
			JsonNode score = result.get("relevance_score");
			if (score == null || !score.isNumber() || !Double.isFinite(score.doubleValue())) {
				throw malformed("has a result without a numeric \"relevance_score\": " + score);
			}
			int position = offset + index.intValue();
			if (scored[position]) {
				throw malformed("scores the document at index " + index.intValue() + " twice");
			}
			scored[position] = true;
			scores[position] = score.doubleValue();
			lowest = Math.min(lowest, scores[position]);
		}
		return lowest;
	}

	/**
	 * The provider's own message: Cohere's {@code message}, Jina's and FastAPI's
	 * {@code detail}, OpenAI-style {@code error.message}, or the start of the body.
	 */
	private String errorMessage(String body) {
		if (body == null || body.isBlank()) {
			return "(no body)";
		}
		try {
			JsonNode error = this.json.readTree(body);
			for (JsonNode candidate : List.of(error.path("message"), error.path("detail"),
					error.path("error").path("message"), error.path("error"))) {
				if (candidate.isString() && !candidate.stringValue().isBlank()) {
					return shortened(candidate.stringValue());
				}
			}
			if (!error.path("detail").isMissingNode()) {
				return shortened(error.path("detail").toString());
			}
		}
		catch (JacksonException ex) {
			// not JSON (a proxy's HTML page, say): the text itself follows
		}
		return shortened(body.strip());
	}

	private static String shortened(String text) {
		String line = text.replaceAll("\\s+", " ");
		return (line.length() <= MAX_ERROR_TEXT) ? line : line.substring(0, MAX_ERROR_TEXT) + "...";
	}

	private RerankException malformed(String what) {
		return failure("answered with a body that is not a rerank response: it " + what, null);
	}

	private RerankException failure(String what, Throwable cause) {
		String message = "The rerank endpoint " + this.url + " " + what;
		if (this.apiKey != null) {
			message = message.replace(this.apiKey, "***");
		}
		return new RerankException(message, cause);
	}

}
