package io.noterag.query.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.retrieval.internal.ChunkTexts;
import io.noterag.query.retrieval.internal.MaximalMarginalRelevance;
import io.noterag.query.retrieval.internal.RewrittenQueryVariants;
import io.noterag.query.retrieval.internal.VariantRankings;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.rerank.Reranker;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.VectorStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds the chunks that answer a question, in four steps.
 * <ol>
 * <li>First stage, by technique, within the caller's filter: hybrid (dense and BM25
 * fused), dense or BM25 alone, a hybrid search per variant of the question combined by
 * best score ({@code multi_query}) or reciprocal rank ({@code rag_fusion}), or hybrid
 * with the embedding of a hypothetical answer ({@code hyde}).</li>
 * <li>Reranking, when asked: the first candidates scored again by the {@link Reranker};
 * when it fails the first-stage order stays.</li>
 * <li>Selection: the best chunks with at most a few from any one document, or, when
 * asked, by maximal marginal relevance over the chunks' dense vectors.</li>
 * <li>For an answer, when asked, each chunk's text widened with its neighbours in its
 * document.</li>
 * </ol>
 * The same stages rank documents by their best chunk for document search.
 */
@Component
public class Retriever implements RetrievalCapabilities {

	private static final Logger log = LoggerFactory.getLogger(Retriever.class);

	/**
	 * Chunk candidates asked for per wanted document: documents have several chunks, and
	 * a document search must still fill its limit with distinct documents.
	 */
	static final int CANDIDATES_PER_DOCUMENT = 3;

	private final VectorStore store;

	private final Embedder embedder;

	private final RetrievalProperties properties;

	private final QueryVariants variants;

	private final RewrittenQueryVariants rules = new RewrittenQueryVariants();

	private final Reranker reranker;

	private final HypotheticalAnswers hypotheticalAnswers;

	/**
	 * The retriever Spring builds: variants by rules unless a {@link QueryVariants} bean
	 * writes them (when it cannot, the rules do), the reranker and the hypothetical
	 * answers when configured.
	 * @param store the vector store
	 * @param embedder the question embedder
	 * @param properties the settings
	 * @param variants a {@link QueryVariants} bean, if any
	 * @param reranker the {@link Reranker} bean, if any
	 * @param hypotheticalAnswers a {@link HypotheticalAnswers} bean, if any
	 */
	@Autowired
	public Retriever(VectorStore store, Embedder embedder, RetrievalProperties properties,
			ObjectProvider<QueryVariants> variants, ObjectProvider<Reranker> reranker,
			ObjectProvider<HypotheticalAnswers> hypotheticalAnswers) {
		this(store, embedder, properties, variants.getIfUnique(), reranker.getIfUnique(),
				hypotheticalAnswers.getIfUnique());
	}

	/**
	 * A retriever with the given parts.
	 * @param store the vector store
	 * @param embedder the question embedder
	 * @param properties the settings
	 * @param variants writes the variants of questions; the rules write them when it
	 * returns none
	 * @param reranker the reranker, or {@code null} for none
	 * @param hypotheticalAnswers writes hypothetical answers, or {@code null} for none
	 */
	public Retriever(VectorStore store, Embedder embedder, RetrievalProperties properties, QueryVariants variants,
			Reranker reranker, HypotheticalAnswers hypotheticalAnswers) {
		this.store = store;
		this.embedder = embedder;
		this.properties = properties;
		this.variants = (variants != null) ? variants : this.rules;
		this.reranker = reranker;
		this.hypotheticalAnswers = hypotheticalAnswers;
		if (properties.rerank().enabled() && reranker == null) {
			log.warn("noterag.retrieval.rerank.enabled is true but no reranker is configured "
					+ "(noterag.rerank.type is none): answers are not reranked");
		}
	}

	/**
	 * A retriever with variants by rules, no reranker and no hypothetical answers.
	 * @param store the vector store
	 * @param embedder the question embedder
	 * @param properties the settings
	 */
	public Retriever(VectorStore store, Embedder embedder, RetrievalProperties properties) {
		this(store, embedder, properties, (QueryVariants) null, null, null);
	}

	@Override
	public boolean reranks() {
		return this.reranker != null;
	}

	@Override
	public boolean writesHypotheticalAnswers() {
		return this.hypotheticalAnswers != null && this.hypotheticalAnswers.available();
	}

	/**
	 * Retrieves chunks for a question.
	 * @param question the question
	 * @param plan technique, size, filter, reranking, diversification and neighbours
	 * @return the chunks kept, best first
	 */
	public Retrieval retrieve(String question, RetrievalPlan plan) {
		Hits hits = search(question, plan, Math.max(this.properties.candidates(), plan.topK()), 0);
		Reranked ranked = rerank(question, hits.chunks(), plan);
		List<RetrievedChunk> kept = plan.mmr() ? mostRelevantAndNovel(ranked.chunks(), plan)
				: diverse(ranked.chunks(), plan.topK());
		if (plan.neighborChunks() > 0) {
			kept = withNeighbors(kept, plan);
		}
		return new Retrieval(kept, hits.chunks().size(), hits.model(), ranked.reranker(),
				ranked.degraded() || hits.degraded(), hits.variantsGenerator(), hits.hypotheticalAnswerGenerator());
	}

	/**
	 * Ranks documents by their best chunk: the same search and reranking as
	 * {@link #retrieve}, with enough candidates to fill {@code plan.topK()} distinct
	 * documents (up to the configured maximum of candidates); with {@code mmr}, the
	 * documents are chosen by maximal marginal relevance over their best chunks' vectors.
	 * Neighbouring chunks do not apply.
	 * @param question the question
	 * @param plan technique, filter, and in {@code topK} how many documents to return
	 * @return each document's best chunk, best document first; {@code rank} is the
	 * document's place
	 */
	public Retrieval rankDocuments(String question, RetrievalPlan plan) {
		int candidates = Math.min(Math.max(this.properties.candidates(), plan.topK() * CANDIDATES_PER_DOCUMENT),
				this.properties.maxCandidates());
		// without reranking, a hybrid search keeps one chunk per document itself and
		// reads
		// only the documents it returns; a reranker needs every candidate chunk
		int perDocument = plan.rerank() ? 0 : 1;
		Hits hits = search(question, plan, Math.max(candidates, plan.topK()), perDocument);
		Reranked ranked = rerank(question, hits.chunks(), plan);
		Set<String> seen = new HashSet<>();
		List<RetrievedChunk> bestPerDocument = new ArrayList<>();
		for (RetrievedChunk hit : ranked.chunks()) {
			if (seen.add(hit.chunk().documentId())) {
				bestPerDocument.add(hit);
			}
		}
		List<RetrievedChunk> chosen = new ArrayList<>();
		if (plan.mmr()) {
			List<float[]> vectors = vectorsOf(bestPerDocument);
			for (int position : MaximalMarginalRelevance.select(vectors, plan.topK(), plan.mmrLambda(), null, 0)) {
				chosen.add(bestPerDocument.get(position));
			}
		}
		else {
			chosen.addAll(bestPerDocument.subList(0, Math.min(plan.topK(), bestPerDocument.size())));
		}
		List<RetrievedChunk> documents = new ArrayList<>(chosen.size());
		for (RetrievedChunk best : chosen) {
			documents.add(new RetrievedChunk(best.chunk(), best.score(), documents.size(), best.rerankScore()));
		}
		return new Retrieval(documents, hits.chunks().size(), hits.model(), ranked.reranker(),
				ranked.degraded() || hits.degraded(), hits.variantsGenerator(), hits.hypotheticalAnswerGenerator());
	}

	/**
	 * The first stage: one search per technique, best first, at most
	 * {@code maxPerDocument} hits of one document in a hybrid search (0 for no limit).
	 */
	private Hits search(String question, RetrievalPlan plan, int candidates, int maxPerDocument) {
		return switch (plan.technique()) {
			case HYBRID -> {
				float[] vector = (plan.denseWeight() > 0) ? this.embedder.embedQuery(question) : null;
				yield new Hits(this.store.hybridSearch(hybrid(question, vector, plan, candidates, maxPerDocument)),
						embeddingModel(plan));
			}
			case DENSE -> {
				float[] vector = this.embedder.embedQuery(question);
				yield new Hits(this.store.denseSearch(vector, candidates, plan.filter()), this.embedder.modelName());
			}
			case SPARSE -> new Hits(this.store.keywordSearch(question, candidates, plan.filter()), null);
			case MULTI_QUERY, RAG_FUSION -> {
				QueryVariants.Variants written = variants(question, plan);
				List<List<ScoredChunk>> rankings = variantRankings(written.texts(), plan, candidates);
				List<ScoredChunk> fused = (plan.technique() == Technique.MULTI_QUERY)
						? VariantRankings.bestScore(rankings, candidates)
						: VariantRankings.reciprocalRank(rankings, this.properties.rrfK(), candidates);
				yield new Hits(fused, embeddingModel(plan), written.degraded(), written.generator(), null);
			}
			case HYDE -> hypotheticalAnswerSearch(question, plan, candidates, maxPerDocument);
		};
	}

	/**
	 * The variants of a question: those of the configured writer, or the rules' when it
	 * wrote none (degraded when it could have).
	 */
	private QueryVariants.Variants variants(String question, RetrievalPlan plan) {
		int max = this.properties.queryVariants();
		QueryVariants.Variants written = this.variants.variants(question, max, plan.modelDeadline());
		if (written != null && !written.texts().isEmpty()) {
			return written;
		}
		boolean failed = this.variants != this.rules && this.variants.available();
		if (failed) {
			log.warn("No usable query variants from {}; searching with variants written by rules",
					this.variants.name());
		}
		QueryVariants.Variants byRules = this.rules.variants(question, max, null);
		return new QueryVariants.Variants(byRules.texts(), byRules.generator(), failed);
	}

	/**
	 * {@code hyde}: the dense side searches with the embedding of a passage the language
	 * model wrote, the keyword side with the question; when no model writes one, both
	 * search with the question and the retrieval is degraded.
	 */
	private Hits hypotheticalAnswerSearch(String question, RetrievalPlan plan, int candidates, int maxPerDocument) {
		if (!writesHypotheticalAnswers()) {
			throw new IllegalStateException("hyde needs a language model and none is configured");
		}
		HypotheticalAnswers.Passage passage = this.hypotheticalAnswers.write(question, plan.modelDeadline());
		if (passage == null || passage.text() == null || passage.text().isBlank()) {
			log.warn("No language model wrote a hypothetical answer; searching with the question itself");
			float[] vector = (plan.denseWeight() > 0) ? this.embedder.embedQuery(question) : null;
			return new Hits(this.store.hybridSearch(hybrid(question, vector, plan, candidates, maxPerDocument)),
					embeddingModel(plan), true, null, null);
		}
		float[] vector = this.embedder.embedDocuments(List.of(passage.text())).get(0);
		return new Hits(this.store.hybridSearch(hybrid(question, vector, plan, candidates, maxPerDocument)),
				this.embedder.modelName(), false, null, passage.generator());
	}

	/**
	 * One hybrid ranking per variant of the question. Each distinct variant is embedded
	 * once, and none is when the dense side does not count.
	 */
	private List<List<ScoredChunk>> variantRankings(List<String> texts, RetrievalPlan plan, int candidates) {
		List<List<ScoredChunk>> rankings = new ArrayList<>(texts.size());
		Map<String, float[]> embedded = new HashMap<>();
		for (String text : texts) {
			float[] vector = (plan.denseWeight() > 0) ? embedded.computeIfAbsent(text, this.embedder::embedQuery)
					: null;
			rankings.add(this.store.hybridSearch(hybrid(text, vector, plan, candidates, 0)));
		}
		log.debug("Searched with {} variants", texts.size());
		return rankings;
	}

	/** A hybrid search with the plan's weights and fusion (or the configured one). */
	private HybridQuery hybrid(String text, float[] vector, RetrievalPlan plan, int candidates, int maxPerDocument) {
		FusionMethod fusion = (plan.fusion() != null) ? plan.fusion() : this.properties.fusion();
		return new HybridQuery(text, vector, candidates, candidates, plan.denseWeight(), plan.sparseWeight(),
				this.properties.rrfK(), plan.filter(), maxPerDocument, fusion);
	}

	private String embeddingModel(RetrievalPlan plan) {
		return (plan.denseWeight() > 0) ? this.embedder.modelName() : null;
	}

	/**
	 * The first-stage hits as ranked chunks, the first {@code rerank.candidates} of them
	 * reordered by the reranker when the plan asks.
	 */
	private Reranked rerank(String question, List<ScoredChunk> hits, RetrievalPlan plan) {
		List<RetrievedChunk> firstStage = new ArrayList<>(hits.size());
		for (ScoredChunk hit : hits) {
			firstStage.add(new RetrievedChunk(hit.chunk(), hit.score(), firstStage.size()));
		}
		if (!plan.rerank() || hits.isEmpty()) {
			return new Reranked(firstStage, null, false);
		}
		if (this.reranker == null) {
			throw new IllegalStateException("Reranking was asked for but no reranker is configured");
		}
		int count = Math.min(this.properties.rerank().candidates(), hits.size());
		List<String> passages = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			passages.add(passage(hits.get(i).chunk()));
		}
		List<Double> scores;
		try {
			scores = this.reranker.score(question, passages);
			if (scores == null || scores.size() != count) {
				throw new IllegalStateException("The reranker returned " + ((scores != null) ? scores.size() : 0)
						+ " scores for " + count + " passages");
			}
		}
		catch (RuntimeException ex) {
			// the exception's message may quote the query: only its type is logged
			log.warn("Reranking with {} failed ({}); keeping the first-stage order", this.reranker.name(),
					ex.getClass().getName());
			return new Reranked(firstStage, null, true);
		}
		List<Integer> order = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			order.add(i);
		}
		// stable: equal scores keep the first-stage order; NaN counts as lowest
		order.sort(Comparator.comparingDouble((Integer i) -> {
			Double score = scores.get(i);
			return (score == null || score.isNaN()) ? Double.NEGATIVE_INFINITY : score;
		}).reversed());
		List<RetrievedChunk> reranked = new ArrayList<>(hits.size());
		for (int i : order) {
			ScoredChunk hit = hits.get(i);
			reranked.add(new RetrievedChunk(hit.chunk(), hit.score(), reranked.size(), scores.get(i)));
		}
		for (int i = count; i < hits.size(); i++) {
			reranked.add(new RetrievedChunk(hits.get(i).chunk(), hits.get(i).score(), reranked.size()));
		}
		return new Reranked(reranked, this.reranker.name(), false);
	}

	/** What the reranker reads of a chunk: its title, heading and text. */
	static String passage(ChunkRecord chunk) {
		StringBuilder passage = new StringBuilder();
		for (String part : new String[] { chunk.title(), chunk.heading(), chunk.text() }) {
			if (part != null && !part.isBlank()) {
				if (!passage.isEmpty()) {
					passage.append('\n');
				}
				passage.append(part.strip());
			}
		}
		return passage.toString();
	}

	private List<RetrievedChunk> diverse(List<RetrievedChunk> ranked, int topK) {
		Map<String, Integer> perDocument = new HashMap<>();
		List<RetrievedChunk> kept = new ArrayList<>();
		for (int rank = 0; rank < ranked.size() && kept.size() < topK; rank++) {
			RetrievedChunk hit = ranked.get(rank);
			int count = perDocument.merge(hit.chunk().documentId(), 1, Integer::sum);
			if (count <= this.properties.maxChunksPerDocument()) {
				kept.add(hit);
			}
		}
		return kept;
	}

	/**
	 * {@code topK} chunks by maximal marginal relevance, at most
	 * {@code max-chunks-per-document} of one document.
	 */
	private List<RetrievedChunk> mostRelevantAndNovel(List<RetrievedChunk> ranked, RetrievalPlan plan) {
		List<String> documents = ranked.stream().map((hit) -> hit.chunk().documentId()).toList();
		List<Integer> picked = MaximalMarginalRelevance.select(vectorsOf(ranked), plan.topK(), plan.mmrLambda(),
				documents, this.properties.maxChunksPerDocument());
		List<RetrievedChunk> kept = new ArrayList<>(picked.size());
		for (int position : picked) {
			kept.add(ranked.get(position));
		}
		return kept;
	}

	private List<float[]> vectorsOf(List<RetrievedChunk> chunks) {
		List<String> ids = chunks.stream().map((hit) -> hit.chunk().id()).toList();
		return MaximalMarginalRelevance.inOrder(ids, ids.isEmpty() ? Map.of() : this.store.vectors(ids));
	}

	/**
	 * Widens each kept chunk's text with up to {@code neighborChunks} chunks before and
	 * after it in its document, as far as the filter lets the caller read them. A
	 * neighbour goes to the nearest kept chunk of its document (the better ranked on a
	 * tie), so no text is handed over twice; overlapping ends are joined once.
	 */
	private List<RetrievedChunk> withNeighbors(List<RetrievedChunk> kept, RetrievalPlan plan) {
		Map<String, List<RetrievedChunk>> byDocument = new LinkedHashMap<>();
		for (RetrievedChunk chunk : kept) {
			byDocument.computeIfAbsent(chunk.chunk().documentId(), (id) -> new ArrayList<>()).add(chunk);
		}
		Map<String, String> widened = new HashMap<>();
		for (Map.Entry<String, List<RetrievedChunk>> document : byDocument.entrySet()) {
			List<RetrievedChunk> retrieved = document.getValue();
			Map<String, List<ChunkRecord>> owned = new HashMap<>();
			for (ChunkRecord neighbor : this.store.chunksOf(document.getKey(), plan.filter())) {
				RetrievedChunk owner = null;
				int nearest = plan.neighborChunks() + 1;
				for (RetrievedChunk candidate : retrieved) {
					int distance = Math.abs(candidate.chunk().chunkIndex() - neighbor.chunkIndex());
					if (distance < nearest) {
						owner = candidate;
						nearest = distance;
					}
				}
				if (owner != null) {
					owned.computeIfAbsent(owner.chunk().id(), (id) -> new ArrayList<>()).add(neighbor);
				}
			}
			for (RetrievedChunk chunk : retrieved) {
				List<ChunkRecord> parts = new ArrayList<>(owned.getOrDefault(chunk.chunk().id(), List.of()));
				if (parts.stream().noneMatch((part) -> part.chunkIndex() == chunk.chunk().chunkIndex())) {
					parts.add(chunk.chunk());
				}
				if (parts.size() > 1) {
					parts.sort(Comparator.comparingInt(ChunkRecord::chunkIndex));
					widened.put(chunk.chunk().id(), ChunkTexts.join(parts.stream().map(ChunkRecord::text).toList()));
				}
			}
		}
		List<RetrievedChunk> result = new ArrayList<>(kept.size());
		for (RetrievedChunk chunk : kept) {
			String text = widened.get(chunk.chunk().id());
			result.add((text != null) ? new RetrievedChunk(withText(chunk.chunk(), text), chunk.score(), chunk.rank(),
					chunk.rerankScore()) : chunk);
		}
		return result;
	}

	private static ChunkRecord withText(ChunkRecord chunk, String text) {
		return new ChunkRecord(chunk.id(), chunk.documentId(), chunk.chunkIndex(), text, chunk.title(), chunk.heading(),
				chunk.url(), chunk.sourceType(), chunk.dataSourceId(), chunk.tags(), chunk.modifiedAt(),
				chunk.principals(), chunk.metadata(), chunk.vector());
	}

	private record Hits(List<ScoredChunk> chunks, String model, boolean degraded, String variantsGenerator,
			String hypotheticalAnswerGenerator) {

		Hits(List<ScoredChunk> chunks, String model) {
			this(chunks, model, false, null, null);
		}

	}

	private record Reranked(List<RetrievedChunk> chunks, String reranker, boolean degraded) {
	}

}
