package io.noterag.shared.vector;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where chunks are indexed and searched. Every search takes a {@link SearchFilter} and
 * never returns a chunk that none of the filter's principals may read. Writes are
 * idempotent: chunk ids are deterministic and a document's chunks are replaced as a
 * whole.
 */
public interface VectorStore {

	/**
	 * Replaces every chunk of a document by the given ones, atomically for readers: a
	 * search sees either the old chunks or the new ones.
	 * @param documentId the document
	 * @param chunks its new chunks, each with a vector; empty removes the document
	 */
	void replaceDocument(String documentId, List<ChunkRecord> chunks);

	/**
	 * Removes every chunk of a document.
	 * @param documentId the document
	 */
	void deleteDocument(String documentId);

	/**
	 * Removes every chunk of a data source.
	 * @param dataSourceId the data source
	 */
	void deleteDataSource(String dataSourceId);

	/**
	 * Nearest chunks to a query vector.
	 * @param vector the query embedding
	 * @param topK how many to return
	 * @param filter what may be returned
	 * @return hits, best first, scored by cosine similarity
	 */
	List<ScoredChunk> denseSearch(float[] vector, int topK, SearchFilter filter);

	/**
	 * Best keyword matches for a query text (BM25, or sparse vectors with IDF).
	 * @param text the query text
	 * @param topK how many to return
	 * @param filter what may be returned
	 * @return hits, best first
	 */
	List<ScoredChunk> keywordSearch(String text, int topK, SearchFilter filter);

	/**
	 * Dense and keyword search fused by weighted reciprocal rank.
	 * @param query the query
	 * @return hits, best first, scored by fused score
	 */
	List<ScoredChunk> hybridSearch(HybridQuery query);

	/**
	 * The chunks of a document in order, without vectors.
	 * @param documentId the document
	 * @param filter what may be returned
	 * @return its chunks the filter allows
	 */
	List<ChunkRecord> chunksOf(String documentId, SearchFilter filter);

	/**
	 * The dense vectors of chunks, for example to compare retrieved chunks with each
	 * other. No filter applies: pass only ids that a filtered search returned.
	 * @param chunkIds the chunks' ids
	 * @return each known chunk's vector, normalised to unit length as it is searched;
	 * unknown ids are absent
	 */
	Map<String, float[]> vectors(Collection<String> chunkIds);

	/**
	 * How many chunks are indexed.
	 * @return the count
	 */
	long count();

}
