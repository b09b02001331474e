package io.noterag.document.document;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Asks multimodal-service for the images of a document. */
@Component
class MultimodalClient {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> IMAGES = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	MultimodalClient(RestClient.Builder builder, ServicesProperties properties) {
		this.client = builder.baseUrl(properties.multimodalUrl().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(HttpClientSettings.defaults()
					.withTimeouts(properties.connectTimeout(), properties.readTimeout())))
			.build();
	}

	/**
	 * The images of a document.
	 * @param documentId the document
	 * @return its images as multimodal-service describes them
	 * @throws org.springframework.web.client.RestClientException when the service cannot
	 * be reached or fails
	 */
	List<Map<String, Object>> imagesOf(UUID documentId) {
		List<Map<String, Object>> images = this.client.get()
			.uri((uri) -> uri.path("/internal/images").queryParam("document_id", documentId).build())
			.retrieve()
			.body(IMAGES);
		return (images != null) ? images : List.of();
	}

}
