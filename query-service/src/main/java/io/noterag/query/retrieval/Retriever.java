package io.noterag.query.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.VectorStore;

import org.springframework.stereotype.Component;

/**
 * Finds the chunks that answer a question: embeds it, searches the vector store (hybrid
 * by default) within the caller's filter, and keeps the best chunks with at most a few
 * from any one document, so that an answer can draw on several.
 */
@Component
public class Retriever {

	private final VectorStore store;

	private final Embedder embedder;

	private final RetrievalProperties properties;

	public Retriever(VectorStore store, Embedder embedder, RetrievalProperties properties) {
		this.store = store;
		this.embedder = embedder;
		this.properties = properties;
	}

	/**
	 * Retrieves chunks for a question.
	 * @param question the question
	 * @param plan technique, size and filter
	 * @return the chunks kept, best first
	 */
	public Retrieval retrieve(String question, RetrievalPlan plan) {
		int candidates = Math.max(this.properties.candidates(), plan.topK());
		List<ScoredChunk> hits;
		String model = null;
		switch (plan.technique()) {
			case HYBRID -> {
				float[] vector = this.embedder.embedQuery(question);
				model = this.embedder.modelName();
				hits = this.store.hybridSearch(new HybridQuery(question, vector, candidates, candidates,
						plan.denseWeight(), plan.sparseWeight(), this.properties.rrfK(), plan.filter()));
			}
			case DENSE -> {
				float[] vector = this.embedder.embedQuery(question);
				model = this.embedder.modelName();
				hits = this.store.denseSearch(vector, candidates, plan.filter());
			}
			case SPARSE -> hits = this.store.keywordSearch(question, candidates, plan.filter());
			default -> throw new IllegalStateException("Unknown technique " + plan.technique());
		}
		return new Retrieval(diverse(hits, plan.topK()), hits.size(), model);
	}

	private List<RetrievedChunk> diverse(List<ScoredChunk> hits, int topK) {
		Map<String, Integer> perDocument = new HashMap<>();
		List<RetrievedChunk> kept = new ArrayList<>();
		for (int rank = 0; rank < hits.size() && kept.size() < topK; rank++) {
			ScoredChunk hit = hits.get(rank);
			int count = perDocument.merge(hit.chunk().documentId(), 1, Integer::sum);
			if (count <= this.properties.maxChunksPerDocument()) {
				kept.add(new RetrievedChunk(hit.chunk(), hit.score(), rank));
			}
		}
		return kept;
	}

}
