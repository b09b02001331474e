package io.noterag.indexing.chunking;

/** Counts the tokens the embedding model sees in a text. */
public interface TokenCounter {

	/**
	 * Counts tokens, without the model's special tokens ({@code [CLS]}, {@code [SEP]}).
	 * @param text the text
	 * @return the number of tokens
	 */
	int count(String text);

	/**
	 * What this counter is, for the logs.
	 * @return a short description
	 */
	String description();

}
