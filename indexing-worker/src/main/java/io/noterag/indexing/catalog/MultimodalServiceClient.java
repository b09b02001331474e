package io.noterag.indexing.catalog;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import io.noterag.shared.source.plugin.ItemImage;

/**
 * The worker's side of multimodal-service's internal image API: replaces the images of a
 * document with those found in its item (idempotent: ids are derived from the document
 * and the image's id inside the item), or removes them, per document or for a whole
 * deleted data source.
 */
public class MultimodalServiceClient {

	private final RestClient client;

	public MultimodalServiceClient(RestClient client) {
		this.client = client;
	}

	/**
	 * Makes a document's images exactly these, and records the data source they come from
	 * so that {@link #deleteImagesOfDataSource(UUID)} removes them.
	 * @param documentId the document
	 * @param dataSourceId the data source of the document's item ({@code null}: not said)
	 * @param images its images (possibly none)
	 * @throws DocumentServiceException when multimodal-service cannot be reached or fails
	 * (the item is tried again)
	 */
	public void replaceImages(String documentId, UUID dataSourceId, List<ItemImage> images) {
		List<Map<String, Object>> body = images.stream()
			.map((image) -> Map.<String, Object>of("image_id", image.id(), "media_type",
					(image.mediaType() != null) ? image.mediaType() : "application/octet-stream", "content",
					Base64.getEncoder().encodeToString(image.content()), "alt_text",
					(image.altText() != null) ? image.altText() : ""))
			.toList();
		call("store the images of document " + documentId,
				() -> this.client.put()
					.uri((uri) -> uri.path("/internal/images")
						.queryParam("document_id", documentId)
						.queryParamIfPresent("data_source_id", Optional.ofNullable(dataSourceId))
						.build())
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

	/**
	 * Removes every image stored for the documents of a data source (objects and rows);
	 * none is fine.
	 * @param dataSourceId the deleted data source
	 * @throws DocumentServiceException when multimodal-service cannot be reached, fails,
	 * or refuses (the deletion is tried again)
	 */
	public void deleteImagesOfDataSource(UUID dataSourceId) {
		call("delete the images of data source " + dataSourceId,
				() -> this.client.delete()
					.uri((uri) -> uri.path("/internal/images").queryParam("data_source_id", dataSourceId).build())
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
