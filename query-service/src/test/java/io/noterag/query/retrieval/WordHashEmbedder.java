package io.noterag.query.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.noterag.shared.embedding.Embedder;

/**
 * A deterministic embedder for retrieval tests: each word adds one to a dimension chosen
 * by its hash, so texts that share words are close and texts that share none are
 * orthogonal (up to rare collisions). It records what it embedded.
 */
final class WordHashEmbedder implements Embedder {

	static final int DIMENSION = 512;

	final List<String> queries = new ArrayList<>();

	final List<String> documents = new ArrayList<>();

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		this.documents.addAll(texts);
		return texts.stream().map(WordHashEmbedder::vector).toList();
	}

	@Override
	public float[] embedQuery(String query) {
		this.queries.add(query);
		return vector(query);
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public String modelName() {
		return "word-hash";
	}

	static float[] vector(String text) {
		float[] vector = new float[DIMENSION];
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() > 2) {
				vector[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
			}
		}
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm == 0) {
			vector[0] = 1;
			return vector;
		}
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) (vector[i] / Math.sqrt(norm));
		}
		return vector;
	}

}
