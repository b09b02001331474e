package io.noterag.multimodal.document;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.noterag.shared.web.ApiException;

/** Asks document-service whether a document exists. */
@Component
public class Documents {

	private static final Logger log = LoggerFactory.getLogger(Documents.class);

	private final RestClient client;

	public Documents(RestClient.Builder builder, ServiceUrls urls) {
		this.client = builder.baseUrl(urls.documentUrl().toString()).build();
	}

	/**
	 * Fails unless the document exists.
	 * @param documentId the document
	 * @throws ApiException 404 when document-service does not know it, 503 when
	 * document-service cannot answer
	 */
	public void requireExists(UUID documentId) {
		HttpStatusCode status;
		try {
			status = this.client.get()
				.uri("/internal/documents/{id}", documentId)
				.exchange((request, response) -> response.getStatusCode());
		}
		catch (RestClientException | IllegalStateException ex) {
			log.warn("document-service could not be asked about document {}: {}", documentId, ex.toString());
			throw unavailable();
		}
		if (status.value() == 404) {
			throw ApiException.notFound("Document not found: " + documentId);
		}
		if (!status.is2xxSuccessful()) {
			log.warn("document-service answered {} about document {}", status.value(), documentId);
			throw unavailable();
		}
	}

	private static ApiException unavailable() {
		return ApiException.unavailable("document-service cannot confirm the document now; try again later.");
	}

}
