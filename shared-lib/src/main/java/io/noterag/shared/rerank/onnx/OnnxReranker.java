package io.noterag.shared.rerank.onnx;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.noterag.shared.rerank.RerankException;
import io.noterag.shared.rerank.Reranker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Reranker} that runs a cross-encoder exported to ONNX (such as
 * {@code cross-encoder/ms-marco-MiniLM-L-6-v2} or {@code BAAI/bge-reranker-base}) in
 * process with ONNX Runtime, tokenised by the model's own {@code tokenizer.json} through
 * DJL's Hugging Face tokenizer.
 *
 * <p>
 * Each (query, passage) pair is encoded as the model was trained, special tokens
 * included, and truncated to {@code maxLength} tokens, the longer of the two first (as
 * sentence-transformers' {@code CrossEncoder} does), so a long passage is scored on its
 * beginning rather than refused. Pairs go to the model {@code batchSize} at a time,
 * padded to the longest pair of the batch. The model gets {@code input_ids} and, only
 * when it declares them as inputs, {@code attention_mask} and {@code token_type_ids}
 * (BERT models have token types, XLM-RoBERTa ones such as bge-reranker do not); a model
 * that needs any other input is refused when it is loaded.
 *
 * <p>
 * The score is the model's raw logit, not a probability: from the output named
 * {@code logits} (or the only output), of shape {@code [batch, 1]} or {@code [batch]}
 * that value, of shape {@code [batch, 2]} (a two-class head) the last column, the
 * "relevant" class. Missing model or tokenizer files fail the constructor with their
 * path; {@link #close()} releases the native session and tokenizer. Thread-safe.
 */
public class OnnxReranker implements Reranker, AutoCloseable {

	static final String INPUT_IDS = "input_ids";

	static final String ATTENTION_MASK = "attention_mask";

	static final String TOKEN_TYPE_IDS = "token_type_ids";

	private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

	private static final Logger logger = LoggerFactory.getLogger(OnnxReranker.class);

	private final String name;

	private final int batchSize;

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	private final HuggingFaceTokenizer tokenizer;

	private final Set<String> inputs;

	private final boolean int32Inputs;

	private final String output;

	private final AtomicLong modelRuns = new AtomicLong();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private boolean closed;

	/**
	 * Loads the model and its tokenizer.
	 * @param modelPath the cross-encoder's {@code .onnx} file
	 * @param tokenizerPath the model's {@code tokenizer.json}
	 * @param maxLength the most tokens of a pair, special tokens included
	 * @param batchSize how many pairs go to the model per run
	 * @param intraOpThreads ONNX Runtime threads per run
	 * @throws IllegalArgumentException when a file is missing or a number out of range
	 * @throws IllegalStateException when the model or tokenizer cannot be loaded, or the
	 * model is no cross-encoder this class can feed
	 */
	public OnnxReranker(Path modelPath, Path tokenizerPath, int maxLength, int batchSize, int intraOpThreads) {
		Objects.requireNonNull(modelPath, "modelPath");
		Objects.requireNonNull(tokenizerPath, "tokenizerPath");
		requireFile(modelPath, "model");
		requireFile(tokenizerPath, "tokenizer");
		if (maxLength < 8 || batchSize < 1 || intraOpThreads < 1) {
			throw new IllegalArgumentException("Need maxLength >= 8, batchSize >= 1 and intraOpThreads >= 1, got "
					+ maxLength + ", " + batchSize + ", " + intraOpThreads);
		}
		long start = System.nanoTime();
		this.name = nameOf(modelPath);
		this.batchSize = batchSize;
		this.tokenizer = loadTokenizer(tokenizerPath, maxLength);
		try {
			this.session = openSession(modelPath, intraOpThreads);
			Map<String, NodeInfo> declared = this.session.getInputInfo();
			this.inputs = feedableInputs(modelPath, declared);
			this.int32Inputs = ((TensorInfo) declared.get(INPUT_IDS).getInfo()).type == OnnxJavaType.INT32;
			this.output = scoreOutput(modelPath, this.session.getOutputInfo());
		}
		catch (OrtException | RuntimeException ex) {
			close();
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Cannot read the inputs and outputs of the reranker model " + modelPath,
					ex);
		}
		logger.info("Reranker model {} loaded from {} in {} ms (inputs {}, max {} tokens, batches of {}, {} threads)",
				this.name, modelPath, (System.nanoTime() - start) / 1_000_000, this.inputs, maxLength, batchSize,
				intraOpThreads);
	}

	@Override
	public List<Double> score(String query, List<String> passages) {
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(passages, "passages");
		if (passages.isEmpty()) {
			return List.of();
		}
		this.lock.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The reranker " + this.name + " is closed");
			}
			List<Double> scores = new ArrayList<>(passages.size());
			for (int from = 0; from < passages.size(); from += this.batchSize) {
				scores.addAll(
						scoreBatch(query, passages.subList(from, Math.min(passages.size(), from + this.batchSize))));
			}
			return scores;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * How many batches the model has run since it was loaded.
	 * @return the number of model runs
	 */
	public long modelRuns() {
		return this.modelRuns.get();
	}

	/**
	 * The model inputs this reranker feeds, as the model declares them.
	 * @return some of {@code input_ids}, {@code attention_mask}, {@code token_type_ids}
	 */
	public Set<String> inputs() {
		return this.inputs;
	}

	@Override
	public void close() {
		this.lock.writeLock().lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.session != null) {
				try {
					this.session.close();
				}
				catch (OrtException ex) {
					logger.warn("Closing the reranker's ONNX session failed: {}", ex.toString());
				}
			}
			this.tokenizer.close();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private List<Double> scoreBatch(String query, List<String> passages) {
		PairList<String, String> pairs = new PairList<>(passages.size());
		for (String passage : passages) {
			pairs.add(query, Objects.requireNonNull(passage, "passage"));
		}
		Encoding[] encodings = this.tokenizer.batchEncode(pairs);
		int length = 0;
		for (Encoding encoding : encodings) {
			length = Math.max(length, encoding.getIds().length);
		}
		long[][] ids = new long[encodings.length][length];
		long[][] mask = new long[encodings.length][length];
		long[][] types = new long[encodings.length][length];
		for (int i = 0; i < encodings.length; i++) {
			// the tokenizer pads the batch; copying into zeroed rows also covers one that
			// does not
			long[] rowIds = encodings[i].getIds();
			System.arraycopy(rowIds, 0, ids[i], 0, rowIds.length);
			System.arraycopy(encodings[i].getAttentionMask(), 0, mask[i], 0, rowIds.length);
			System.arraycopy(encodings[i].getTypeIds(), 0, types[i], 0, rowIds.length);
		}
		Map<String, OnnxTensor> feed = new HashMap<>();
		try {
			feed.put(INPUT_IDS, tensor(ids));
			if (this.inputs.contains(ATTENTION_MASK)) {
				feed.put(ATTENTION_MASK, tensor(mask));
			}
			if (this.inputs.contains(TOKEN_TYPE_IDS)) {
				feed.put(TOKEN_TYPE_IDS, tensor(types));
			}
			try (OrtSession.Result result = this.session.run(feed, Set.of(this.output))) {
				this.modelRuns.incrementAndGet();
				return logits(result.get(0), passages.size());
			}
		}
		catch (OrtException ex) {
			throw new RerankException("The reranker model " + this.name + " failed on a batch of " + passages.size()
					+ " passages: " + ex.getMessage(), ex);
		}
		finally {
			feed.values().forEach(OnnxTensor::close);
		}
	}

	private OnnxTensor tensor(long[][] values) throws OrtException {
		if (!this.int32Inputs) {
			return OnnxTensor.createTensor(this.environment, values);
		}
		int[][] narrowed = new int[values.length][];
		for (int i = 0; i < values.length; i++) {
			narrowed[i] = new int[values[i].length];
			for (int j = 0; j < values[i].length; j++) {
				narrowed[i][j] = Math.toIntExact(values[i][j]);
			}
		}
		return OnnxTensor.createTensor(this.environment, narrowed);
	}

	private List<Double> logits(OnnxValue value, int rows) {
		if (!(value instanceof OnnxTensor tensor)) {
			throw new RerankException("The reranker model " + this.name + " did not answer with a tensor");
		}
		long[] shape = tensor.getInfo().getShape();
		int columns = (shape.length == 1) ? 1 : (int) shape[shape.length - 1];
		if (shape.length < 1 || shape.length > 2 || shape[0] != rows || columns < 1) {
			throw new RerankException("The reranker model " + this.name + " answered a batch of " + rows
					+ " pairs with a tensor of shape " + Arrays.toString(shape));
		}
		FloatBuffer buffer = tensor.getFloatBuffer();
		List<Double> scores = new ArrayList<>(rows);
		for (int row = 0; row < rows; row++) {
			// [batch, 1]: the logit; [batch, 2]: the "relevant" class, the last column
			scores.add((double) buffer.get(row * columns + columns - 1));
		}
		return scores;
	}

	private static void requireFile(Path path, String what) {
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("The reranker " + what + " file " + path.toAbsolutePath()
					+ (Files.exists(path) ? " is not a regular file" : " does not exist"));
		}
		if (!Files.isReadable(path)) {
			throw new IllegalArgumentException(
					"The reranker " + what + " file " + path.toAbsolutePath() + " cannot be read");
		}
	}

	private static HuggingFaceTokenizer loadTokenizer(Path tokenizerPath, int maxLength) {
		try {
			HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder();
			// DJL caps maxLength at a "model max length" of 512 unless told otherwise
			builder.configure(Map.of("modelMaxLength", String.valueOf(maxLength)));
			return builder.optTokenizerPath(tokenizerPath)
				.optAddSpecialTokens(true)
				.optTruncation(true)
				.optPadding(true)
				.optMaxLength(maxLength)
				.build();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					"Cannot load the reranker tokenizer " + tokenizerPath.toAbsolutePath() + ": " + ex.getMessage(),
					ex);
		}
	}

	private static OrtSession openSession(Path modelPath, int intraOpThreads) {
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			// a shared machine loses more to spinning threads than it gains
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			return OrtEnvironment.getEnvironment().createSession(modelPath.toString(), options);
		}
		catch (OrtException ex) {
			throw new IllegalStateException(
					"Cannot load the reranker model " + modelPath.toAbsolutePath() + ": " + ex.getMessage(), ex);
		}
	}

	private static Set<String> feedableInputs(Path modelPath, Map<String, NodeInfo> declared) {
		Set<String> unknown = new LinkedHashSet<>(declared.keySet());
		unknown.removeAll(KNOWN_INPUTS);
		if (!declared.containsKey(INPUT_IDS) || !unknown.isEmpty()) {
			throw new IllegalStateException("The reranker model " + modelPath.toAbsolutePath() + " declares the inputs "
					+ declared.keySet() + "; a cross-encoder needs input_ids and may have attention_mask and "
					+ "token_type_ids, nothing else");
		}
		for (String input : declared.keySet()) {
			if (!(declared.get(input).getInfo() instanceof TensorInfo info)
					|| (info.type != OnnxJavaType.INT64 && info.type != OnnxJavaType.INT32)) {
				throw new IllegalStateException("The reranker model " + modelPath.toAbsolutePath() + " declares "
						+ input + " as " + declared.get(input).getInfo() + "; expected a tensor of int64 or int32");
			}
		}
		Set<String> inputs = new LinkedHashSet<>();
		for (String input : List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS)) {
			if (declared.containsKey(input)) {
				inputs.add(input);
			}
		}
		return Collections.unmodifiableSet(inputs);
	}

	private static String scoreOutput(Path modelPath, Map<String, NodeInfo> outputs) {
		String name = outputs.containsKey("logits") ? "logits"
				: (outputs.size() == 1) ? outputs.keySet().iterator().next() : null;
		if (name == null) {
			throw new IllegalStateException("The reranker model " + modelPath.toAbsolutePath() + " has the outputs "
					+ outputs.keySet() + "; expected one named logits or a single output");
		}
		if (!(outputs.get(name).getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT
				|| info.getShape().length < 1 || info.getShape().length > 2) {
			throw new IllegalStateException("The reranker model " + modelPath.toAbsolutePath() + " has the output "
					+ name + " as " + outputs.get(name).getInfo() + "; a cross-encoder answers a float tensor of "
					+ "shape [batch, 1] or [batch, 2] (is this an embedding model?)");
		}
		return name;
	}

	/**
	 * {@code .../ms-marco-MiniLM-L-6-v2/onnx/model.onnx} is named after its folder, the
	 * others after their file.
	 */
	private static String nameOf(Path modelPath) {
		Path file = modelPath.toAbsolutePath().normalize();
		String stem = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
		Path folder = file.getParent();
		if (stem.toLowerCase(Locale.ROOT).startsWith("model") && folder != null && folder.getFileName() != null) {
			if (folder.getFileName().toString().equalsIgnoreCase("onnx") && folder.getParent() != null
					&& folder.getParent().getFileName() != null) {
				folder = folder.getParent();
			}
			return folder.getFileName().toString();
		}
		return stem;
	}

}
