package io.noterag.document.document;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A document with its images and related documents.
 *
 * @param document the document
 * @param images its images, as multimodal-service describes them
 * @param relatedDocuments documents of the same source sharing a tag, or else its most
 * recently modified siblings
 * @param warnings what could not be included and why; absent when everything was
 */
public record DocumentDetails(DocumentView document, List<Map<String, Object>> images,
		List<DocumentView> relatedDocuments, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

}
