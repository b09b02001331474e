package io.noterag.indexing.catalog;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import io.noterag.shared.source.plugin.ItemImage;

/**
 * The worker's side of multimodal-service's internal image API: replaces the images of a
 * document with those found in its item (idempotent: ids are derived from the document
 * and the image's id inside the item), or removes them.
 */
public class MultimodalServiceClient {

	private final RestClient client;

	public MultimodalServiceClient(RestClient client) {
		this.client = client;
	}

	/**
	 * Makes a document's images exactly these.
	 * @param documentId the document
	 * @param images its images (possibly none)
	 * @throws DocumentServiceException when multimodal-service cannot be reached or fails
	 * (the item is tried again)
	 */
	public void replaceImages(String documentId, List<ItemImage> images) {
		List<Map<String, Object>> body = images.stream()
			.map((image) -> Map.<String, Object>of("image_id", image.id(), "media_type",
					(image.mediaType() != null) ? image.mediaType() : "application/octet-stream", "content",
					Base64.getEncoder().encodeToString(image.content()), "alt_text",
					(image.altText() != null) ? image.altText() : ""))
			.toList();
		call("store the images of document " + documentId,
				() -> this.client.put()
					.uri((uri) -> uri.path("/internal/images").queryParam("document_id", documentId).build())
					.body(Map.of("images", body))
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Removes a document's images; none is fine.
	 * @param documentId the document
	 */
	public void deleteImages(String documentId) {
		call("delete the images of document " + documentId,
				() -> this.client.delete()
					.uri((uri) -> uri.path("/internal/images").queryParam("document_id", documentId).build())
					.retrieve()
					.toBodilessEntity());
	}

	private void call(String what, Runnable call) {
		try {
			call.run();
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().is4xxClientError() && ex.getStatusCode().value() != 401
					&& ex.getStatusCode().value() != 403 && ex.getStatusCode().value() != 429) {
				throw new DocumentServiceException.Rejected(
						"multimodal-service refused to " + what + ": " + ex.getStatusCode().value(), ex);
			}
			throw new DocumentServiceException(
					"multimodal-service failed to " + what + ": " + ex.getStatusCode().value(), ex);
		}
		catch (RestClientException ex) {
			throw new DocumentServiceException("multimodal-service unreachable, could not " + what, ex);
		}
	}

}
