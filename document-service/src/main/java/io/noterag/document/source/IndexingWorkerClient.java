package io.noterag.document.source;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import io.noterag.document.document.ServicesProperties;
import io.noterag.shared.web.ApiException;

/**
 * Asks the indexing worker to authenticate against a source now, with a service token.
 */
@Component
class IndexingWorkerClient {

	private final RestClient client;

	private final String url;

	IndexingWorkerClient(RestClient.Builder builder, IndexingWorkerProperties worker, ServicesProperties services,
			SourceProperties sources) {
		this.url = worker.indexingWorkerUrl().toString();
		this.client = builder.baseUrl(this.url)
			.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(HttpClientSettings.defaults().withTimeouts(services.connectTimeout(), sources.testTimeout())))
			.build();
	}

	/**
	 * Tests a source's configuration and credentials.
	 * @param source the source, with its credentials
	 * @return what the worker found
	 * @throws ApiException 503 when the worker cannot be reached or fails
	 */
	SourceTestResult test(SourceDetails source) {
		try {
			TestAnswer answer = this.client.post()
				.uri("/internal/sources/test")
				.body(new TestRequest(source.id(), source.type(), source.config(), source.credentials()))
				.retrieve()
				.body(TestAnswer.class);
			if (answer == null || answer.ok() == null) {
				throw ApiException.unavailable("The indexing worker answered the test of the source with no result.");
			}
			return new SourceTestResult(answer.ok(), answer.ok() ? null : answer.error(),
					Boolean.TRUE.equals(answer.reconnectRequired()));
		}
		catch (ResourceAccessException ex) {
			throw ApiException.unavailable("The indexing worker at " + this.url
					+ " cannot be reached to test the source; check that it runs, then try again.");
		}
		catch (RestClientResponseException ex) {
			throw ApiException.unavailable("The indexing worker could not test the source (HTTP "
					+ ex.getStatusCode().value() + "); see its log, then try again.");
		}
	}

	/**
	 * The worker's answer; absent fields are tolerated.
	 *
	 * @param ok whether the source could be reached
	 * @param error what went wrong
	 * @param reconnectRequired whether the account must be connected again
	 */
	record TestAnswer(Boolean ok, String error, Boolean reconnectRequired) {

	}

	/**
	 * What the worker tests. Never printed with its credentials.
	 *
	 * @param sourceId the source
	 * @param type its type
	 * @param config its configuration
	 * @param credentials its credentials, decrypted
	 */
	record TestRequest(UUID sourceId, String type, Map<String, Object> config, Map<String, String> credentials) {

		@Override
		public String toString() {
			return "TestRequest[sourceId=" + this.sourceId + ", type=" + this.type + ", credentials="
					+ this.credentials.keySet() + "]";
		}

	}

}
