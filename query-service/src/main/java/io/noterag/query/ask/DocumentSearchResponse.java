package io.noterag.query.ask;

import java.util.List;

/**
 * Documents found for a search, best first.
 *
 * @param documents each document with its best chunk
 * @param total how many documents are returned
 */
public record DocumentSearchResponse(List<Document> documents, int total) {

	/**
	 * A document found.
	 *
	 * @param id the document's id
	 * @param title its title
	 * @param url its link or path at its source
	 * @param sourceType the kind of data source it came from
	 * @param score the score of its best chunk (fused score for hybrid retrieval)
	 * @param snippet the passage of that chunk that best matches the query
	 * @param chunkIndex which chunk of the document is its best, from 0
	 */
	public record Document(String id, String title, String url, String sourceType, double score, String snippet,
			int chunkIndex) {
	}

}
