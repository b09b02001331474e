package io.noterag.query.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.VectorStore;

import org.springframework.stereotype.Component;

/**
 * Finds the chunks that answer a question: embeds it, searches the vector store (hybrid
 * by default) within the caller's filter, and keeps the best chunks with at most a few
 * from any one document, so that an answer can draw on several. The same search ranks
 * documents by their best chunk for document search.
 */
@Component
public class Retriever {

	/**
	 * Chunk candidates asked for per wanted document: documents have several chunks, and
	 * a document search must still fill its limit with distinct documents.
	 */
	static final int CANDIDATES_PER_DOCUMENT = 3;

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
		Hits hits = search(question, plan, Math.max(this.properties.candidates(), plan.topK()));
		return new Retrieval(diverse(hits.chunks(), plan.topK()), hits.chunks().size(), hits.model());
	}

	/**
	 * Ranks documents by their best chunk: the same search as {@link #retrieve}, with
	 * enough candidates to fill {@code plan.topK()} distinct documents (up to the
	 * configured maximum of candidates).
	 * @param question the question
	 * @param plan technique, filter, and in {@code topK} how many documents to return
	 * @return each document's best chunk, best document first; {@code rank} is the
	 * document's place
	 */
	public Retrieval rankDocuments(String question, RetrievalPlan plan) {
		int candidates = Math.min(Math.max(this.properties.candidates(), plan.topK() * CANDIDATES_PER_DOCUMENT),
				this.properties.maxCandidates());
		Hits hits = search(question, plan, Math.max(candidates, plan.topK()));
		Set<String> seen = new HashSet<>();
		List<RetrievedChunk> best = new ArrayList<>();
		for (ScoredChunk hit : hits.chunks()) {
			if (best.size() >= plan.topK()) {
				break;
			}
			if (seen.add(hit.chunk().documentId())) {
				best.add(new RetrievedChunk(hit.chunk(), hit.score(), best.size()));
			}
		}
		return new Retrieval(best, hits.chunks().size(), hits.model());
	}

	private Hits search(String question, RetrievalPlan plan, int candidates) {
		return switch (plan.technique()) {
			case HYBRID -> {
				float[] vector = this.embedder.embedQuery(question);
				yield new Hits(
						this.store.hybridSearch(new HybridQuery(question, vector, candidates, candidates,
								plan.denseWeight(), plan.sparseWeight(), this.properties.rrfK(), plan.filter())),
						this.embedder.modelName());
			}
			case DENSE -> {
				float[] vector = this.embedder.embedQuery(question);
				yield new Hits(this.store.denseSearch(vector, candidates, plan.filter()), this.embedder.modelName());
			}
			case SPARSE -> new Hits(this.store.keywordSearch(question, candidates, plan.filter()), null);
		};
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

	private record Hits(List<ScoredChunk> chunks, String model) {
	}

}
