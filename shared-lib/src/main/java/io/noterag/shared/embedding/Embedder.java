package io.noterag.shared.embedding;

import java.util.List;

/** Turns text into normalised dense vectors. */
public interface Embedder {

	/**
	 * Embeds passages to be indexed.
	 * @param texts the passages
	 * @return one vector per passage, in order
	 */
	List<float[]> embedDocuments(List<String> texts);

	/**
	 * Embeds a search query (models such as bge use a query instruction).
	 * @param query the query
	 * @return its vector
	 */
	float[] embedQuery(String query);

	/**
	 * The vectors' dimension.
	 * @return the dimension
	 */
	int dimension();

	/**
	 * The model's name, as reported in response metadata.
	 * @return the name
	 */
	String modelName();

	/**
	 * How the model runs, in words, for logs and benchmark reports.
	 * @return for example {@code 2 text(s) at a time, 1 ONNX thread(s) each}
	 */
	default String threading() {
		return "the adapter's own threads";
	}

}
