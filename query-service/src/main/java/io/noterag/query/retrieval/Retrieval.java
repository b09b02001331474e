package io.noterag.query.retrieval;

import java.util.List;

/**
 * The outcome of retrieval.
 *
 * @param chunks the chunks kept, best first
 * @param candidates how many hits the store returned before diversity and top k
 * @param embeddingModel the model that embedded the question, {@code null} when it was
 * not embedded
 */
public record Retrieval(List<RetrievedChunk> chunks, int candidates, String embeddingModel) {

	public Retrieval {
		chunks = List.copyOf(chunks);
	}

}
