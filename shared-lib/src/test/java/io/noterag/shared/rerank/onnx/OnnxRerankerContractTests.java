package io.noterag.shared.rerank.onnx;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.noterag.shared.rerank.Reranker;
import io.noterag.shared.rerank.RerankerContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link OnnxReranker} against real ONNX Runtime sessions of the tiny models of
 * {@link TinyCrossEncoders}, tokenised by bge-small's real {@code tokenizer.json}.
 */
class OnnxRerankerContractTests extends RerankerContractTests {

	@TempDir
	static Path models;

	static Path overlap;

	static Path tokenizer;

	private final List<OnnxReranker> opened = new ArrayList<>();

	private OnnxReranker underTest;

	@BeforeAll
	static void writeModels() {
		overlap = TinyCrossEncoders.termOverlap(models.resolve("term-overlap.onnx"));
		tokenizer = TinyCrossEncoders.tokenizer(models.resolve("tokenizer.json"));
	}

	@Override
	protected Reranker createReranker() {
		this.underTest = new OnnxReranker(overlap, tokenizer, 512, 4, 1);
		return this.underTest;
	}

	@Override
	protected long backendCalls() {
		return this.underTest.modelRuns();
	}

	@AfterEach
	void closeOthers() {
		this.opened.forEach(OnnxReranker::close);
	}

	@Test
	void shouldScoreByTheModelsOutput() {
		List<Double> scores = reranker().score("red apple", List.of("red red apple", "blue car", "apple", ""));

		// shared tokens, each passage token once per equal query token, plus the final
		// separator
		assertThat(scores).containsExactly(4.0, 1.0, 2.0, 1.0);
	}

	@Test
	void shouldGiveTheSameScoresInBatchesAsInOneBatch() {
		List<String> passages = new ArrayList<>(DISTRACTORS);
		passages.add(3, ANSWER);
		passages.add("a");
		OnnxReranker oneBatch = open(overlap, 512, 64);
		OnnxReranker batchesOfThree = open(overlap, 512, 3);

		List<Double> inOneBatch = oneBatch.score(QUERY, passages);
		List<Double> inBatches = batchesOfThree.score(QUERY, passages);

		assertThat(inBatches).isEqualTo(inOneBatch);
		assertThat(oneBatch.modelRuns()).isEqualTo(1);
		assertThat(batchesOfThree.modelRuns()).isEqualTo(5);
	}

	@Test
	void shouldTruncateAPairLongerThanMaxLengthInsteadOfFailing() {
		String answerAfterFiller = "note ".repeat(100) + "red apple";
		OnnxReranker short64 = open(overlap, 64, 16);
		OnnxReranker long512 = open(overlap, 512, 16);

		List<Double> truncated = short64.score("red apple", List.of(answerAfterFiller, "note ".repeat(5000)));
		List<Double> whole = long512.score("red apple", List.of(answerAfterFiller));

		// cut at 64 tokens the passage no longer reaches its last two words
		assertThat(truncated).containsExactly(1.0, 1.0);
		assertThat(whole).containsExactly(3.0);
	}

	@Test
	void shouldReadPairsLongerThan512TokensWhenMaxLengthAllowsIt() {
		String answerAfterFiller = "note ".repeat(700) + "red apple";

		assertThat(open(overlap, 1024, 16).score("red apple", List.of(answerAfterFiller))).containsExactly(3.0);
		assertThat(open(overlap, 512, 16).score("red apple", List.of(answerAfterFiller))).containsExactly(1.0);
	}

	@Test
	void shouldScoreATwoClassModelByItsLastColumn() {
		Path twoClasses = TinyCrossEncoders.termOverlapTwoClasses(models.resolve("two-classes.onnx"));

		List<Double> scores = open(twoClasses, 512, 16).score("red apple", List.of("red red apple", "blue car"));

		assertThat(scores).containsExactly(4.0, 1.0);
	}

	@Test
	void shouldFeedOnlyTheInputsTheModelDeclares() {
		Path withoutTokenTypes = TinyCrossEncoders.negatedLength(models.resolve("negated-length.onnx"));
		OnnxReranker reranker = open(withoutTokenTypes, 512, 16);

		List<Double> scores = reranker.score("red apple", List.of("one two three", "one", "one two"));

		assertThat(reranker.inputs()).containsExactlyInAnyOrder("input_ids", "attention_mask");
		// [CLS] red apple [SEP] + the passage + [SEP]
		assertThat(scores).containsExactly(-8.0, -6.0, -7.0);
	}

	@Test
	void shouldFeedAModelThatTakesInt32Ids() {
		Path int32 = TinyCrossEncoders.termOverlapInt32(models.resolve("int32.onnx"));

		assertThat(open(int32, 512, 16).score("red apple", List.of("red red apple", "blue car"))).containsExactly(4.0,
				1.0);
	}

	@Test
	void shouldRefuseAModelThatNeedsAnInputNoTokenizerMakes() {
		Path positions = TinyCrossEncoders.termOverlapWithExtraInput(models.resolve("positions.onnx"), "position_ids");

		assertThatIllegalStateException().isThrownBy(() -> open(positions, 512, 16))
			.withMessageContaining("position_ids")
			.withMessageContaining(positions.toAbsolutePath().toString());
	}

	@Test
	void shouldRefuseAnEmbeddingModelAtStartUp() throws Exception {
		Path embeddingModel = models.resolve("bge-small-en-v1.5-q.onnx");
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("bge-small-en-v1.5-q.onnx")) {
			Files.copy(in, embeddingModel);
		}

		assertThatIllegalStateException().isThrownBy(() -> open(embeddingModel, 512, 16))
			.withMessageContaining(embeddingModel.toAbsolutePath().toString())
			.withMessageContaining("[batch, 1] or [batch, 2]");
	}

	@Test
	void shouldFailAtStartUpNamingAMissingModelFile() {
		Path missing = models.resolve("no-such-model.onnx");

		assertThatIllegalArgumentException().isThrownBy(() -> open(missing, 512, 16))
			.withMessageContaining(missing.toAbsolutePath().toString())
			.withMessageContaining("does not exist");
	}

	@Test
	void shouldFailAtStartUpNamingAMissingTokenizerFile() {
		Path missing = models.resolve("no-such-tokenizer.json");

		assertThatIllegalArgumentException().isThrownBy(() -> new OnnxReranker(overlap, missing, 512, 16, 1))
			.withMessageContaining(missing.toAbsolutePath().toString());
	}

	@Test
	void shouldFailAtStartUpOnAFileThatIsNoModel() {
		Path notAModel = tokenizer;

		assertThatIllegalStateException().isThrownBy(() -> new OnnxReranker(notAModel, tokenizer, 512, 16, 1))
			.withMessageContaining(notAModel.toAbsolutePath().toString());
	}

	@Test
	void shouldRefuseToScoreOnceClosed() {
		OnnxReranker reranker = open(overlap, 512, 16);
		reranker.close();
		reranker.close();

		assertThatIllegalStateException().isThrownBy(() -> reranker.score("red apple", List.of("apple")))
			.withMessageContaining("closed");
	}

	@Test
	void shouldBeNamedAfterTheModelsFolderWhenTheFileIsCalledModel() throws Exception {
		Path folder = Files.createDirectories(models.resolve("ms-marco-MiniLM-L-6-v2/onnx"));
		Path model = TinyCrossEncoders.termOverlap(folder.resolve("model.onnx"));

		assertThat(open(model, 512, 16).name()).isEqualTo("ms-marco-MiniLM-L-6-v2");
		assertThat(open(overlap, 512, 16).name()).isEqualTo("term-overlap");
	}

	private OnnxReranker open(Path model, int maxLength, int batchSize) {
		OnnxReranker reranker = new OnnxReranker(model, tokenizer, maxLength, batchSize, 1);
		this.opened.add(reranker);
		return reranker;
	}

}
