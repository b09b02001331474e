package io.noterag.shared.vector;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One indexed chunk of a document.
 *
 * @param id deterministic id of the chunk (see {@link ChunkIds})
 * @param documentId id of the document the chunk belongs to
 * @param chunkIndex position of the chunk in its document, from 0
 * @param text the chunk's text, as searched and as quoted in answers
 * @param title the document's title
 * @param heading the heading path above the chunk inside the document, may be empty
 * @param url link or path to the document at its source
 * @param sourceType the data source type ({@code filesystem}, {@code onenote}, ...)
 * @param dataSourceId id of the data source the document came from
 * @param tags the document's tags
 * @param modifiedAt when the document last changed at its source
 * @param principals who may read the chunk ({@code user:<id>}, {@code email:<address>},
 * {@code group:<name>})
 * @param metadata other string attributes, returned with results
 * @param vector the dense embedding, may be {@code null} when read back without vectors
 */
public record ChunkRecord(String id, String documentId, int chunkIndex, String text, String title, String heading,
		String url, String sourceType, String dataSourceId, List<String> tags, Instant modifiedAt,
		List<String> principals, Map<String, String> metadata, float[] vector) {

	public ChunkRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(documentId, "documentId");
		Objects.requireNonNull(text, "text");
		heading = (heading != null) ? heading : "";
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		principals = (principals != null) ? List.copyOf(principals) : List.of();
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

	/**
	 * The same chunk with another vector.
	 * @param newVector the vector
	 * @return a copy carrying the vector
	 */
	public ChunkRecord withVector(float[] newVector) {
		return new ChunkRecord(this.id, this.documentId, this.chunkIndex, this.text, this.title, this.heading, this.url,
				this.sourceType, this.dataSourceId, this.tags, this.modifiedAt, this.principals, this.metadata,
				newVector);
	}

}
