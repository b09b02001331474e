package io.noterag.shared.vector.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.noterag.shared.vector.Bm25;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.HybridQuery;
import io.noterag.shared.vector.RankFusion;
import io.noterag.shared.vector.ScoredChunk;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;
import io.noterag.shared.vector.Vectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded {@link VectorStore}: one Apache Lucene index in a local directory, with an
 * HNSW {@code KnnFloatVectorField} for dense search (vectors normalised, dot product =
 * cosine similarity) and a BM25 field (title, heading and text analysed with
 * {@link EnglishAnalyzer}) for keyword search, fused by weighted reciprocal rank. Vectors
 * may have up to 4096 dimensions.
 *
 * <p>
 * A directory has exactly one {@link Mode#WRITER writer} (the indexing worker), which
 * owns Lucene's write lock, searches its own writes at once (near-real-time) and returns
 * from a write only once the write is committed (durable and visible to other processes).
 * Any number of {@link Mode#READER readers} (query-service replicas) open the directory
 * read-only, reopen it at most every refresh interval when it changed, and answer as an
 * empty index while it does not exist yet.
 *
 * <p>
 * Filters are applied inside the searches (the kNN search's filter and a filter clause of
 * the BM25 query), never after them. Thread-safe; {@link #close()} commits and releases
 * the write lock.
 */
public class LuceneVectorStore implements VectorStore, Closeable, DisposableBean {

	/** How a process uses the index directory. */
	public enum Mode {

		/** The single process that writes (and also searches its own writes). */
		WRITER,

		/** Any number of processes that only search and reopen on changes. */
		READER

	}

	private static final TopDocs NO_HITS = new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);

	private static final Logger logger = LoggerFactory.getLogger(LuceneVectorStore.class);

	private static final Comparator<ScoredChunk> BEST_FIRST = RankFusion.BEST_FIRST;

	private final Path path;

	private final Mode mode;

	private final SearcherFactory searcherFactory;

	private final ChunkCache chunkCache;

	private final long refreshIntervalNanos;

	private final Duration commitInterval;

	private final Integer configuredDimension;

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final Directory directory;

	private final IndexWriter writer;

	private final ScheduledExecutorService scheduler;

	private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

	private final Object openLock = new Object();

	private final Object commitMonitor = new Object();

	private final AtomicInteger dimension = new AtomicInteger();

	private volatile SearcherManager searchers;

	private volatile long lastRefresh = System.nanoTime();

	private volatile boolean closed;

	/** Highest sequence number known to be committed; guarded by commitMonitor. */
	private long committedSequence = -1;

	/** Failed commits so far; guarded by commitMonitor. */
	private long failedCommits;

	/** The last commit failure; guarded by commitMonitor. */
	private Exception lastCommitFailure;

	/** Whether a writer thread is committing now; guarded by commitMonitor. */
	private boolean committing;

	/** Write calls applied to the writer so far. */
	private final AtomicLong writes = new AtomicLong();

	/** Write calls the writer's searchers are known to show. */
	private final AtomicLong searchableWrites = new AtomicLong();

	/**
	 * Opens a store.
	 * @param path the index directory (created when missing)
	 * @param mode writer or reader
	 * @param refreshInterval how stale a reader may be: it checks for a new commit at
	 * most this often (readers only)
	 * @param commitInterval {@link Duration#ZERO} commits every write call; a positive
	 * interval commits at most that often, and each write call still waits for the commit
	 * that covers it, so concurrent writers share commits (writer only)
	 * @param dimension the vectors' dimension, or {@code null} to take it from the index
	 * or the first vectors written
	 * @throws IllegalStateException when another writer holds the index, or the index's
	 * dimension differs from the configured one
	 * @throws UncheckedIOException when the directory cannot be opened
	 */
	public LuceneVectorStore(Path path, Mode mode, Duration refreshInterval, Duration commitInterval,
			Integer dimension) {
		this(path, mode, refreshInterval, commitInterval, dimension, Bm25.DEFAULT, 0);
	}

	/**
	 * Opens a store.
	 * @param path the index directory (created when missing)
	 * @param mode writer or reader
	 * @param refreshInterval how stale a reader may be: it checks for a new commit at
	 * most this often (readers only)
	 * @param commitInterval {@link Duration#ZERO} commits every write call; a positive
	 * interval commits at most that often, and each write call still waits for the commit
	 * that covers it, so concurrent writers share commits (writer only)
	 * @param dimension the vectors' dimension, or {@code null} to take it from the index
	 * or the first vectors written
	 * @throws IllegalStateException when another writer holds the index, or the index's
	 * dimension differs from the configured one
	 * @throws UncheckedIOException when the directory cannot be opened
	 * @param bm25 k1 and b of keyword scoring, applied when searching
	 * @param chunkCacheSize how many chunks read from the index are kept in memory, most
	 * recently used first; 0 for none
	 */
	public LuceneVectorStore(Path path, Mode mode, Duration refreshInterval, Duration commitInterval, Integer dimension,
			Bm25 bm25, int chunkCacheSize) {
		this.searcherFactory = new Bm25SearcherFactory(Objects.requireNonNull(bm25, "bm25"));
		if (chunkCacheSize < 0) {
			throw new IllegalArgumentException("chunkCacheSize must be 0 or more, got " + chunkCacheSize);
		}
		this.chunkCache = new ChunkCache(chunkCacheSize);
		this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
		this.mode = Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(refreshInterval, "refreshInterval");
		Objects.requireNonNull(commitInterval, "commitInterval");
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("refreshInterval must be positive, got " + refreshInterval);
		}
		if (commitInterval.isNegative()) {
			throw new IllegalArgumentException("commitInterval must be zero or positive, got " + commitInterval);
		}
		if (dimension != null && (dimension < 1 || dimension > WideVectorsCodec.MAX_DIMENSIONS)) {
			throw new IllegalArgumentException(
					"dimension must be between 1 and " + WideVectorsCodec.MAX_DIMENSIONS + ", got " + dimension);
		}
		this.refreshIntervalNanos = refreshInterval.toNanos();
		this.commitInterval = commitInterval;
		this.configuredDimension = dimension;
		this.directory = openDirectory(this.path);
		try {
			if (mode == Mode.WRITER) {
				this.writer = openWriter();
				// an empty first commit lets readers open the index right away
				this.writer.commit();
				this.searchers = new SearcherManager(this.writer, true, false, this.searcherFactory);
				initDimension();
			}
			else {
				this.writer = null;
				if (dimension != null) {
					this.dimension.set(dimension);
				}
				openReaderIfPresent();
			}
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly();
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Cannot open the Lucene index at " + this.path + ": " + io.getMessage(),
						io);
			}
			throw (RuntimeException) ex;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lucene-vector-store-" + mode.name().toLowerCase());
			thread.setDaemon(true);
			return thread;
		});
		if (mode == Mode.READER) {
			this.scheduler.scheduleWithFixedDelay(this::refreshInBackground, this.refreshIntervalNanos,
					this.refreshIntervalNanos, TimeUnit.NANOSECONDS);
		}
		else if (!commitInterval.isZero()) {
			this.scheduler.scheduleWithFixedDelay(this::commitInBackground, commitInterval.toNanos(),
					commitInterval.toNanos(), TimeUnit.NANOSECONDS);
		}
		logger.info("Lucene vector store opened at {} as {}", this.path, mode.name().toLowerCase());
	}

	/**
	 * A writer that commits on every write call.
	 * @param path the index directory
	 * @return the store
	 */
	public static LuceneVectorStore writer(Path path) {
		return new LuceneVectorStore(path, Mode.WRITER, Duration.ofMillis(500), Duration.ZERO, null);
	}

	/**
	 * A reader.
	 * @param path the index directory
	 * @param refreshInterval how often it looks for new commits at most
	 * @return the store
	 */
	public static LuceneVectorStore reader(Path path, Duration refreshInterval) {
		return new LuceneVectorStore(path, Mode.READER, refreshInterval, Duration.ZERO, null);
	}

	/**
	 * The index directory.
	 * @return its absolute path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Whether this store writes or only reads.
	 * @return the mode
	 */
	public Mode mode() {
		return this.mode;
	}

	@Override
	public void replaceDocument(String documentId, List<ChunkRecord> chunks) {
		requireId(documentId, "documentId");
		Objects.requireNonNull(chunks, "chunks");
		List<Document> docs = new ArrayList<>(chunks.size());
		for (ChunkRecord chunk : chunks) {
			if (!documentId.equals(chunk.documentId())) {
				throw new IllegalArgumentException(
						"Chunk " + chunk.id() + " belongs to document " + chunk.documentId() + ", not " + documentId);
			}
			if (chunk.vector() == null) {
				throw new IllegalArgumentException("Chunk " + chunk.id() + " has no vector");
			}
			docs.add(ChunkDocuments.toDocument(chunk, Vectors.unit(chunk.vector())));
		}
		write((w) -> {
			for (ChunkRecord chunk : chunks) {
				claimDimension(chunk.vector().length);
			}
			Term term = new Term(ChunkDocuments.DOCUMENT_ID, documentId);
			return docs.isEmpty() ? w.deleteDocuments(term) : w.updateDocuments(term, docs);
		});
	}

	@Override
	public void deleteDocument(String documentId) {
		requireId(documentId, "documentId");
		write((w) -> w.deleteDocuments(new Term(ChunkDocuments.DOCUMENT_ID, documentId)));
	}

	@Override
	public void deleteDataSource(String dataSourceId) {
		requireId(dataSourceId, "dataSourceId");
		write((w) -> w.deleteDocuments(new Term(ChunkDocuments.DATA_SOURCE_ID, dataSourceId)));
	}

	@Override
	public List<ScoredChunk> denseSearch(float[] vector, int topK, SearchFilter filter) {
		Objects.requireNonNull(vector, "vector");
		Objects.requireNonNull(filter, "filter");
		requirePositive(topK, "topK");
		float[] unit = Vectors.unit(vector);
		return search((searcher) -> dense(searcher, unit, topK, filter), List.of());
	}

	@Override
	public List<ScoredChunk> keywordSearch(String text, int topK, SearchFilter filter) {
		Objects.requireNonNull(filter, "filter");
		requirePositive(topK, "topK");
		return search((searcher) -> keyword(searcher, text, topK, filter), List.of());
	}

	@Override
	public List<ScoredChunk> hybridSearch(HybridQuery query) {
		Objects.requireNonNull(query, "query");
		if (query.rrfK() < 0) {
			throw new IllegalArgumentException("rrfK must be 0 or more, got " + query.rrfK());
		}
		boolean useDense = query.denseWeight() > 0 && query.vector() != null;
		float[] unit = useDense ? Vectors.unit(query.vector()) : null;
		return search((searcher) -> {
			List<RankFusion.Scored<Integer>> dense = useDense
					? docs(denseTop(searcher, unit, query.candidates(), query.filter())) : List.of();
			List<RankFusion.Scored<Integer>> keyword = (query.sparseWeight() > 0)
					? docs(keywordTop(searcher, query.text(), query.candidates(), query.filter())) : List.of();
			Map<Integer, Double> scores = RankFusion.fusedScores(dense, keyword, query);
			return fusedHits(searcher, scores, query.topK(), query.maxPerDocument());
		}, List.of());
	}

	@Override
	public List<ChunkRecord> chunksOf(String documentId, SearchFilter filter) {
		requireId(documentId, "documentId");
		Objects.requireNonNull(filter, "filter");
		return search((searcher) -> {
			BooleanQuery.Builder builder = new BooleanQuery.Builder()
				.add(new TermQuery(new Term(ChunkDocuments.DOCUMENT_ID, documentId)), Occur.MUST);
			Query filterQuery = ChunkQueries.filter(filter);
			if (filterQuery != null) {
				builder.add(filterQuery, Occur.FILTER);
			}
			Query query = builder.build();
			int total = searcher.count(query);
			if (total == 0) {
				return List.of();
			}
			Sort byIndex = new Sort(
					IntField.newSortField(ChunkDocuments.CHUNK_INDEX, false, SortedNumericSelector.Type.MIN));
			TopDocs top = searcher.search(query, total, byIndex);
			StoredFields stored = searcher.storedFields();
			List<ChunkRecord> chunks = new ArrayList<>(top.scoreDocs.length);
			for (ScoreDoc hit : top.scoreDocs) {
				chunks.add(ChunkDocuments.toChunk(stored.document(hit.doc)));
			}
			return chunks;
		}, List.of());
	}

	@Override
	public Map<String, float[]> vectors(Collection<String> chunkIds) {
		Objects.requireNonNull(chunkIds, "chunkIds");
		Set<BytesRef> ids = new LinkedHashSet<>();
		for (String id : chunkIds) {
			if (id != null && !id.isBlank()) {
				ids.add(new BytesRef(id));
			}
		}
		if (ids.isEmpty()) {
			return Map.of();
		}
		return search((searcher) -> {
			TopDocs top = searcher.search(new TermInSetQuery(ChunkDocuments.ID, ids), ids.size());
			StoredFields stored = searcher.storedFields();
			List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
			Map<String, float[]> vectors = new LinkedHashMap<>();
			for (ScoreDoc hit : top.scoreDocs) {
				LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
				FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkDocuments.VECTOR);
				if (values == null) {
					continue;
				}
				int doc = hit.doc - leaf.docBase;
				KnnVectorValues.DocIndexIterator iterator = values.iterator();
				if (iterator.advance(doc) == doc) {
					String id = stored.document(hit.doc, Set.of(ChunkDocuments.ID)).get(ChunkDocuments.ID);
					// the values may reuse one array: copy it
					vectors.put(id, values.vectorValue(iterator.index()).clone());
				}
			}
			return vectors;
		}, Map.of());
	}

	/**
	 * How many chunks were read from the chunk cache rather than the index.
	 * @return the count since start
	 */
	public long chunkCacheHits() {
		return this.chunkCache.hits();
	}

	/**
	 * How many chunks were read from the index (then kept in the chunk cache, when it is
	 * on).
	 * @return the count since start
	 */
	public long chunkCacheMisses() {
		return this.chunkCache.misses();
	}

	@Override
	public long count() {
		return search((searcher) -> (long) searcher.getIndexReader().numDocs(), 0L);
	}

	/**
	 * Commits what is pending, stops background work, and releases the index (and the
	 * write lock). Idempotent.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.lifecycle.writeLock().lock();
		try {
			if (this.scheduler != null && !this.scheduler.isShutdown()) {
				this.scheduler.shutdownNow();
				closeQuietly();
				logger.info("Lucene vector store at {} closed", this.path);
			}
		}
		finally {
			this.lifecycle.writeLock().unlock();
		}
	}

	@Override
	public void destroy() {
		close();
	}

	@Override
	public String toString() {
		return "LuceneVectorStore[" + this.path + ", " + this.mode.name().toLowerCase() + "]";
	}

	private List<ScoredChunk> dense(IndexSearcher searcher, float[] unit, int topK, SearchFilter filter)
			throws IOException {
		// Lucene scores a dot product d as (1 + d) / 2
		return hits(searcher, denseTop(searcher, unit, topK, filter),
				(score) -> Math.max(-1.0, Math.min(1.0, 2.0 * score - 1.0)));
	}

	private TopDocs denseTop(IndexSearcher searcher, float[] unit, int topK, SearchFilter filter) throws IOException {
		int indexDimension = indexDimension(searcher);
		int expected = (indexDimension > 0) ? indexDimension : this.dimension.get();
		if (expected > 0 && unit.length != expected) {
			throw new IllegalArgumentException("The query vector has dimension " + unit.length + " but the index at "
					+ this.path + " holds vectors of dimension " + expected);
		}
		if (indexDimension == 0) {
			return NO_HITS;
		}
		return searcher.search(new KnnFloatVectorQuery(ChunkDocuments.VECTOR, unit, topK, ChunkQueries.filter(filter)),
				topK);
	}

	private List<ScoredChunk> keyword(IndexSearcher searcher, String text, int topK, SearchFilter filter)
			throws IOException {
		return hits(searcher, keywordTop(searcher, text, topK, filter), (score) -> score);
	}

	private TopDocs keywordTop(IndexSearcher searcher, String text, int topK, SearchFilter filter) throws IOException {
		Query query = ChunkQueries.keyword(this.analyzer, text, filter);
		return (query != null) ? searcher.search(query, topK) : NO_HITS;
	}

	private static List<RankFusion.Scored<Integer>> docs(TopDocs top) {
		List<RankFusion.Scored<Integer>> docs = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc hit : top.scoreDocs) {
			docs.add(new RankFusion.Scored<>(hit.doc, hit.score));
		}
		return docs;
	}

	/**
	 * The best fused hits, loading stored fields only for the hits kept (and the ids of
	 * hits whose scores tie), not for every candidate.
	 */
	private List<ScoredChunk> fusedHits(IndexSearcher searcher, Map<Integer, Double> scores, int topK,
			int maxPerDocument) throws IOException {
		StoredChunks chunks = new StoredChunks(searcher, this.chunkCache);
		List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.entrySet());
		ranked.sort(Comparator.<Map.Entry<Integer, Double>>comparingDouble(Map.Entry::getValue)
			.reversed()
			.thenComparing((entry) -> chunks.id(entry.getKey())));
		RankFusion.PerDocumentLimit perDocument = new RankFusion.PerDocumentLimit(maxPerDocument);
		List<ScoredChunk> kept = new ArrayList<>(Math.min(topK, ranked.size()));
		for (Map.Entry<Integer, Double> entry : ranked) {
			if (kept.size() >= topK) {
				break;
			}
			ChunkRecord chunk = chunks.chunk(entry.getKey());
			if (perDocument.admit(chunk.documentId())) {
				kept.add(new ScoredChunk(chunk, entry.getValue()));
			}
		}
		return kept;
	}

	private List<ScoredChunk> hits(IndexSearcher searcher, TopDocs top, ScoreMapping mapping) throws IOException {
		StoredChunks chunks = new StoredChunks(searcher, this.chunkCache);
		List<ScoredChunk> hits = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc hit : top.scoreDocs) {
			hits.add(new ScoredChunk(chunks.chunk(hit.doc), mapping.map(hit.score)));
		}
		hits.sort(BEST_FIRST);
		return hits;
	}

	private <T> T search(SearchFunction<T> function, T whenNoIndex) {
		this.lifecycle.readLock().lock();
		try {
			ensureOpen();
			SearcherManager manager = currentSearchers();
			if (manager == null) {
				return whenNoIndex;
			}
			IndexSearcher searcher = manager.acquire();
			try {
				return function.apply(searcher);
			}
			finally {
				manager.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene search failed at " + this.path + ": " + ex.getMessage(), ex);
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	private void write(WriteOperation operation) {
		this.lifecycle.readLock().lock();
		try {
			ensureOpen();
			if (this.writer == null) {
				throw new IllegalStateException("The Lucene vector store at " + this.path
						+ " is open as a reader (noterag.vector-store.lucene.mode=reader) and cannot write; "
						+ "only the indexing worker (mode=writer) writes");
			}
			long sequence = operation.apply(this.writer);
			// searchers reopen when a search needs them, not after every write
			this.writes.incrementAndGet();
			makeDurable(sequence);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene write failed at " + this.path + ": " + ex.getMessage(), ex);
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	/** Returns only once the operation with this sequence number is committed. */
	private void makeDurable(long sequence) throws IOException {
		if (this.commitInterval.isZero()) {
			commitAtOnce(sequence);
			return;
		}
		synchronized (this.commitMonitor) {
			long failuresBefore = this.failedCommits;
			while (this.committedSequence < sequence) {
				if (this.failedCommits != failuresBefore) {
					throw new UncheckedIOException(new IOException(
							"The Lucene commit failed; the write was not acknowledged", this.lastCommitFailure));
				}
				try {
					this.commitMonitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted before the write was committed", ex);
				}
			}
		}
	}

	/**
	 * Group commit: the first writer to arrive commits; writers that arrive while it does
	 * wait, and the next of them commits for all of them at once. A writer alone commits
	 * straight away, and concurrent writes share commits (and segments) instead of
	 * queueing for one commit each.
	 */
	private void commitAtOnce(long sequence) throws IOException {
		synchronized (this.commitMonitor) {
			// a failed commit leaves the write in the writer: the next commit takes it
			while (this.committing && this.committedSequence < sequence) {
				try {
					this.commitMonitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted before the write was committed", ex);
				}
			}
			if (this.committedSequence >= sequence) {
				return;
			}
			this.committing = true;
		}
		try {
			commitNow();
		}
		finally {
			synchronized (this.commitMonitor) {
				this.committing = false;
				this.commitMonitor.notifyAll();
			}
		}
	}

	private void commitNow() throws IOException {
		long completed = this.writer.getMaxCompletedSequenceNumber();
		long committed;
		try {
			committed = Math.max(this.writer.commit(), completed);
		}
		catch (IOException | RuntimeException ex) {
			synchronized (this.commitMonitor) {
				this.failedCommits++;
				this.lastCommitFailure = ex;
				this.commitMonitor.notifyAll();
			}
			throw ex;
		}
		synchronized (this.commitMonitor) {
			this.committedSequence = Math.max(this.committedSequence, committed);
			this.commitMonitor.notifyAll();
		}
	}

	private void commitInBackground() {
		try {
			if (this.writer.hasUncommittedChanges()) {
				commitNow();
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Lucene commit at {} failed", this.path, ex);
		}
	}

	private SearcherManager currentSearchers() throws IOException {
		SearcherManager manager = this.searchers;
		if (this.mode == Mode.WRITER) {
			long written = this.writes.get();
			if (this.searchableWrites.get() < written) {
				// refreshes after any refresh under way, so it shows every write before
				manager.maybeRefreshBlocking();
				this.searchableWrites.accumulateAndGet(written, Math::max);
			}
			return manager;
		}
		if (manager == null) {
			return openReaderIfPresent();
		}
		long now = System.nanoTime();
		if (now - this.lastRefresh >= this.refreshIntervalNanos) {
			this.lastRefresh = now;
			refreshQuietly(manager);
		}
		return manager;
	}

	private void refreshInBackground() {
		if (!this.lifecycle.readLock().tryLock()) {
			return;
		}
		try {
			if (this.closed) {
				return;
			}
			SearcherManager manager = this.searchers;
			if (manager == null) {
				openReaderIfPresent();
			}
			else {
				this.lastRefresh = System.nanoTime();
				refreshQuietly(manager);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Refreshing the Lucene index at {} failed: {}", this.path, ex.toString());
		}
		finally {
			this.lifecycle.readLock().unlock();
		}
	}

	private void refreshQuietly(SearcherManager manager) {
		try {
			manager.maybeRefresh();
		}
		catch (IOException ex) {
			logger.warn("Reopening the Lucene index at {} failed, searching the previous state: {}", this.path,
					ex.toString());
		}
	}

	private SearcherManager openReaderIfPresent() throws IOException {
		synchronized (this.openLock) {
			if (this.searchers == null && DirectoryReader.indexExists(this.directory)) {
				try {
					this.searchers = new SearcherManager(this.directory, this.searcherFactory);
					this.lastRefresh = System.nanoTime();
					logger.info("Lucene index at {} appeared, reading it", this.path);
				}
				catch (IOException ex) {
					// the first commit may still be in the making: try again later
					logger.debug("Lucene index at {} not readable yet: {}", this.path, ex.toString());
				}
			}
			return this.searchers;
		}
	}

	private IndexWriter openWriter() throws IOException {
		IndexWriterConfig config = new IndexWriterConfig(this.analyzer)
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
			.setCodec(new WideVectorsCodec(Codec.getDefault()))
			.setCommitOnClose(true);
		try {
			return new IndexWriter(this.directory, config);
		}
		catch (LockObtainFailedException ex) {
			throw new IllegalStateException("The Lucene index at " + this.path
					+ " is already open for writing by another process or store (its write.lock is held). "
					+ "Only one process may use noterag.vector-store.lucene.mode=writer on a directory "
					+ "(the indexing worker); every other process must use mode=reader.", ex);
		}
	}

	private void initDimension() throws IOException {
		IndexSearcher searcher = this.searchers.acquire();
		int existing;
		try {
			existing = indexDimension(searcher);
		}
		finally {
			this.searchers.release(searcher);
		}
		if (existing > 0 && this.configuredDimension != null && existing != this.configuredDimension) {
			throw new IllegalStateException("The Lucene index at " + this.path + " holds vectors of dimension "
					+ existing + " but noterag.vector-store.lucene.dimension is " + this.configuredDimension
					+ "; re-index into an empty directory or fix the setting");
		}
		this.dimension
			.set((existing > 0) ? existing : (this.configuredDimension != null) ? this.configuredDimension : 0);
	}

	private void claimDimension(int length) {
		if (length > WideVectorsCodec.MAX_DIMENSIONS) {
			throw new IllegalArgumentException("Vectors of dimension " + length + " exceed the maximum of "
					+ WideVectorsCodec.MAX_DIMENSIONS + " of the Lucene vector store");
		}
		if (this.dimension.compareAndSet(0, length)) {
			return;
		}
		int expected = this.dimension.get();
		if (expected != length) {
			throw new IllegalArgumentException("Vectors of dimension " + length + " cannot be added to the index at "
					+ this.path + ", which holds vectors of dimension " + expected);
		}
	}

	private static int indexDimension(IndexSearcher searcher) {
		for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
			FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(ChunkDocuments.VECTOR);
			if (field != null && field.getVectorDimension() > 0) {
				return field.getVectorDimension();
			}
		}
		return 0;
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("The Lucene vector store at " + this.path + " is closed");
		}
	}

	private static void requireId(String id, String name) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private static void requirePositive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, got " + value);
		}
	}

	private static Directory openDirectory(Path path) {
		try {
			return FSDirectory.open(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the Lucene index directory " + path + ": " + ex.getMessage(),
					ex);
		}
	}

	private void closeQuietly() {
		SearcherManager manager = this.searchers;
		if (manager != null) {
			try {
				manager.close();
			}
			catch (IOException ex) {
				logger.warn("Closing the Lucene searchers at {} failed: {}", this.path, ex.toString());
			}
		}
		if (this.writer != null) {
			try {
				this.writer.close();
				synchronized (this.commitMonitor) {
					this.committedSequence = Long.MAX_VALUE;
					this.commitMonitor.notifyAll();
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Closing the Lucene writer at {} failed", this.path, ex);
			}
		}
		try {
			this.directory.close();
		}
		catch (IOException ex) {
			logger.warn("Closing the Lucene directory at {} failed: {}", this.path, ex.toString());
		}
	}

	/** Searchers that score keywords with the configured BM25 parameters. */
	private static final class Bm25SearcherFactory extends SearcherFactory {

		private final BM25Similarity similarity;

		Bm25SearcherFactory(Bm25 bm25) {
			this.similarity = new BM25Similarity(bm25.k1(), bm25.b());
		}

		@Override
		public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
			IndexSearcher searcher = super.newSearcher(reader, previousReader);
			searcher.setSimilarity(this.similarity);
			return searcher;
		}

	}

	/**
	 * Stored chunks of one searcher, each read at most once, through the store's chunk
	 * cache.
	 */
	private static final class StoredChunks {

		private final IndexSearcher searcher;

		private final ChunkCache cache;

		private StoredFields stored;

		private final Map<Integer, ChunkRecord> chunks = new HashMap<>();

		private final Map<Integer, String> ids = new HashMap<>();

		StoredChunks(IndexSearcher searcher, ChunkCache cache) {
			this.searcher = searcher;
			this.cache = cache;
		}

		ChunkRecord chunk(int doc) {
			return this.chunks.computeIfAbsent(doc, (key) -> {
				List<LeafReaderContext> leaves = this.searcher.getIndexReader().leaves();
				LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(key, leaves));
				IndexReader.CacheHelper segment = leaf.reader().getCoreCacheHelper();
				return this.cache.get(segment, key - leaf.docBase,
						() -> ChunkDocuments.toChunk(stored().document(key)));
			});
		}

		String id(int doc) {
			ChunkRecord chunk = this.chunks.get(doc);
			if (chunk != null) {
				return chunk.id();
			}
			return this.ids.computeIfAbsent(doc, (key) -> {
				try {
					return stored().document(key, Set.of(ChunkDocuments.ID)).get(ChunkDocuments.ID);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}

		private StoredFields stored() throws IOException {
			if (this.stored == null) {
				this.stored = this.searcher.storedFields();
			}
			return this.stored;
		}

	}

	@FunctionalInterface
	private interface SearchFunction<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

	@FunctionalInterface
	private interface WriteOperation {

		long apply(IndexWriter writer) throws IOException;

	}

	@FunctionalInterface
	private interface ScoreMapping {

		double map(float score);

	}

}
