package io.noterag.shared.embedding.onnx;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbedderTests {

	private static final List<String> PASSAGES = List.of("The cat sat on the mat by the kitchen door.",
			"Quarterly revenue grew by ten percent thanks to the new subscription plan.",
			"To reset the router, hold the button for ten seconds and wait for the light to blink.",
			"Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.",
			"The ferry to the island leaves at nine every morning except on Sundays.");

	private static OnnxEmbedder embedder;

	@BeforeAll
	static void loadModel() {
		// batches of 2, so that five passages take three calls
		embedder = new OnnxEmbedder("", 2, 1, 2);
	}

	@AfterAll
	static void closeModel() {
		embedder.close();
	}

	@Test
	void shouldMakeNormalisedVectorsOf384Dimensions() {
		List<float[]> vectors = embedder.embedDocuments(PASSAGES);

		assertThat(vectors).hasSize(PASSAGES.size());
		for (float[] vector : vectors) {
			assertThat(vector).hasSize(384);
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
		}
		assertThat(norm(embedder.embedQuery("when does the ferry leave?"))).isCloseTo(1.0, within(1e-4));
		assertThat(embedder.dimension()).isEqualTo(384);
		assertThat(embedder.modelName()).isEqualTo("bge-small-en-v1.5-q");
	}

	@Test
	void shouldPlaceAParaphraseCloserThanAnUnrelatedSentence() {
		float[] original = embedder.embedQuery("What time does the boat to the island depart?");
		List<float[]> candidates = embedder.embedDocuments(PASSAGES);

		double paraphrase = cosine(original, candidates.get(4));
		for (int i = 0; i < 4; i++) {
			assertThat(cosine(original, candidates.get(i))).as(PASSAGES.get(i)).isLessThan(paraphrase - 0.1);
		}
	}

	@Test
	void shouldEmbedABatchExactlyAsEachTextAlone() {
		List<float[]> batch = embedder.embedDocuments(PASSAGES);

		for (int i = 0; i < PASSAGES.size(); i++) {
			float[] alone = embedder.embedDocuments(List.of(PASSAGES.get(i))).get(0);
			assertThat(batch.get(i)).containsExactly(alone, within(1e-5f));
		}
	}

	@Test
	void shouldAverageThePlainAndThePrefixedQueryInModeBoth() {
		String question = "when does the ferry leave?";
		try (OnnxEmbedder both = new OnnxEmbedder(OnnxEmbedder.QueryMode.BOTH, OnnxEmbedder.BGE_QUERY_PREFIX, 8, 1, 1);
				OnnxEmbedder prefixed = new OnnxEmbedder(OnnxEmbedder.QueryMode.PREFIXED, OnnxEmbedder.BGE_QUERY_PREFIX,
						8, 1, 1)) {
			float[] plain = embedder.embedQuery(question);
			float[] withPrefix = prefixed.embedQuery(question);
			float[] mean = both.embedQuery(question);

			assertThat(cosine(mean, mean)).isCloseTo(1.0, within(1e-5));
			// the normalised mean of two unit vectors lies halfway between them
			assertThat(cosine(mean, plain)).isCloseTo(cosine(mean, withPrefix), within(1e-4));
			assertThat(cosine(mean, plain)).isGreaterThan(cosine(plain, withPrefix));
		}
	}

	@Test
	void shouldPutTheConfiguredPrefixBeforeQueriesOnly() {
		String question = "when does the ferry leave?";
		float[] asPassage = embedder.embedDocuments(List.of(question)).get(0);
		try (OnnxEmbedder prefixed = new OnnxEmbedder(OnnxEmbedder.BGE_QUERY_PREFIX, 8, 1, 1)) {
			float[] withPrefix = prefixed.embedQuery(question);
			float[] prefixedAsPassage = prefixed.embedDocuments(List.of(question)).get(0);

			assertThat(embedder.embedQuery(question)).containsExactly(asPassage, within(1e-5f));
			assertThat(prefixedAsPassage).containsExactly(asPassage, within(1e-5f));
			assertThat(cosine(withPrefix, asPassage)).isLessThan(0.99);
			assertThat(prefixed.queryPrefix()).isEqualTo(OnnxEmbedder.BGE_QUERY_PREFIX);
		}
	}

	@Test
	void shouldGiveTheSameVectorsWithLangchainsSharedSession() {
		try (OnnxEmbedder shared = new OnnxEmbedder("", 4, 2, 0)) {
			List<float[]> sharedVectors = shared.embedDocuments(PASSAGES.subList(0, 3));
			List<float[]> ownVectors = embedder.embedDocuments(PASSAGES.subList(0, 3));
			for (int i = 0; i < 3; i++) {
				assertThat(sharedVectors.get(i)).containsExactly(ownVectors.get(i), within(1e-4f));
			}
		}
	}

	@Test
	void shouldEmbedATextLongerThanTheModelWindow() {
		String longText = String.join(" ", java.util.Collections.nCopies(400, "ferry timetable"));

		float[] vector = embedder.embedDocuments(List.of(longText)).get(0);

		assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
	}

	@Test
	void shouldRefuseBlankTexts() {
		assertThatIllegalArgumentException().isThrownBy(() -> embedder.embedDocuments(List.of("fine", "  ")))
			.withMessageContaining("blank");
		assertThatIllegalArgumentException().isThrownBy(() -> embedder.embedQuery(""));
		assertThat(embedder.embedDocuments(List.of())).isEmpty();
	}

	private static double norm(float[] vector) {
		return Math.sqrt(dot(vector, vector));
	}

	private static double cosine(float[] a, float[] b) {
		return dot(a, b) / (norm(a) * norm(b));
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

}
