package io.noterag.indexing.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * Counts tokens exactly as bge-small-en-v1.5 does: its own WordPiece tokenizer
 * ({@code tokenizer.json}), loaded from the model jar that the embedder uses, through the
 * Hugging Face tokenizers library that ships with langchain4j's ONNX embeddings. Safe for
 * one thread at a time per call; the indexing worker chunks on one thread.
 */
public final class WordPieceTokenCounter implements TokenCounter, AutoCloseable {

	/** The tokenizer of the bundled bge-small-en-v1.5 model, on the classpath. */
	public static final String BGE_SMALL_TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

	private final HuggingFaceTokenizer tokenizer;

	private final String description;

	private WordPieceTokenCounter(HuggingFaceTokenizer tokenizer, String description) {
		this.tokenizer = tokenizer;
		this.description = description;
	}

	/**
	 * Loads a tokenizer from the classpath.
	 * @param resource the {@code tokenizer.json} resource
	 * @return the counter
	 * @throws IllegalStateException when the resource is missing or the native library
	 * cannot be loaded on this platform
	 */
	public static WordPieceTokenCounter fromClasspath(String resource) {
		ClassLoader loader = WordPieceTokenCounter.class.getClassLoader();
		try (InputStream stream = loader.getResourceAsStream(resource)) {
			if (stream == null) {
				throw new IllegalStateException("No tokenizer '" + resource + "' on the classpath");
			}
			HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(stream, Map.of("addSpecialTokens",
					"false", "truncation", "false", "padding", "false", "modelMaxLength", "1000000000"));
			return new WordPieceTokenCounter(tokenizer, "WordPiece tokenizer " + resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int count(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		return this.tokenizer.encode(text, false, false).getIds().length;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public void close() {
		this.tokenizer.close();
	}

}
