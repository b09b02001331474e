package io.noterag.shared.rerank;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link Reranker} adapter must have. An adapter's test extends this
 * class, makes a reranker in {@link #createReranker()} and says how often it has called
 * its backend in {@link #backendCalls()}; the class ships in shared-lib's test-jar.
 *
 * <p>
 * The relevance fixtures are plain: the passage that answers shares several words with
 * the query and the unrelated ones share none or one, so any model whose scores mean
 * something, a trained cross-encoder as much as a term-overlap stand-in, ranks them the
 * same way. An adapter whose scores mean nothing (a stand-in that scores by length, say)
 * turns those cases off with {@link #scoresByRelevance()}.
 */
public abstract class RerankerContractTests {

	protected static final String QUERY = "When does the ferry to Oban leave?";

	protected static final String ANSWER = "The ferry to Oban leaves from the north pier at 9:40 every morning.";

	protected static final String UNRELATED = "Quarterly revenue grew by four percent in the retail segment.";

	/** Realistic candidates of a first-stage search that do not answer {@link #QUERY}. */
	protected static final List<String> DISTRACTORS = List.of(
			"Quarterly revenue grew by four percent in the retail segment.",
			"The ferry company changed its logo in 2019.", "Remember to water the office plants on Fridays.",
			"Budget review: travel costs are capped at 500 euros per trip.",
			"Meeting notes: the roadmap for the mobile app was approved.",
			"Oban is a town on the west coast of Scotland.", "Lunch options near the office include a noodle bar.",
			"To reset your password, open the account settings page.",
			"The printer on the second floor needs new toner.",
			"Holiday requests must be submitted two weeks in advance.",
			"Our team uses Kanban boards to track onboarding tasks.",
			"Invoices are paid within thirty days of receipt.");

	private Reranker reranker;

	/**
	 * Makes the reranker under test; called before each test.
	 * @return the reranker
	 * @throws Exception when it cannot be made
	 */
	protected abstract Reranker createReranker() throws Exception;

	/**
	 * How many times the reranker under test has called its backend (HTTP requests, model
	 * runs) since it was made.
	 * @return the number of calls
	 */
	protected abstract long backendCalls();

	/**
	 * Whether the reranker's scores follow relevance, so that the ranking cases apply.
	 * @return {@code true} unless overridden
	 */
	protected boolean scoresByRelevance() {
		return true;
	}

	protected Reranker reranker() {
		return this.reranker;
	}

	@BeforeEach
	void createRerankerUnderTest() throws Exception {
		this.reranker = createReranker();
	}

	@AfterEach
	void closeRerankerUnderTest() throws Exception {
		if (this.reranker instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Test
	void shouldGiveOneFiniteScorePerPassage() {
		List<String> passages = List.of(ANSWER, UNRELATED, DISTRACTORS.get(1), DISTRACTORS.get(5));

		List<Double> scores = this.reranker.score(QUERY, passages);

		assertThat(scores).hasSize(passages.size()).allSatisfy((score) -> assertThat(score).isFinite());
	}

	@Test
	void shouldReturnTheScoresInThePassagesOrder() {
		List<String> passages = List.of(ANSWER, UNRELATED, DISTRACTORS.get(1), DISTRACTORS.get(5));
		List<String> reversed = passages.reversed();

		List<Double> scores = this.reranker.score(QUERY, passages);
		List<Double> scoresOfReversed = this.reranker.score(QUERY, reversed);

		for (int i = 0; i < passages.size(); i++) {
			assertThat(scoresOfReversed.get(passages.size() - 1 - i)).as("score of %s", passages.get(i))
				.isCloseTo(scores.get(i), within(1e-4));
		}
	}

	@Test
	void shouldScoreTheSamePassageTheSameWithinOneCall() {
		List<Double> scores = this.reranker.score(QUERY, List.of(ANSWER, UNRELATED, ANSWER, UNRELATED));

		assertThat(scores.get(2)).isCloseTo(scores.get(0), within(1e-4));
		assertThat(scores.get(3)).isCloseTo(scores.get(1), within(1e-4));
	}

	@Test
	void shouldAnswerNoPassagesWithNoScoresWithoutCallingTheBackend() {
		long before = backendCalls();

		assertThat(this.reranker.score(QUERY, List.of())).isEmpty();

		assertThat(backendCalls()).isEqualTo(before);
	}

	@Test
	void shouldCallTheBackendForPassages() {
		long before = backendCalls();

		this.reranker.score(QUERY, List.of(ANSWER));

		assertThat(backendCalls()).isGreaterThan(before);
	}

	@Test
	void shouldRankThePassageThatAnswersAboveAnUnrelatedOne() {
		assumeTrue(scoresByRelevance(), "this reranker's scores do not follow relevance");

		List<Double> scores = this.reranker.score(QUERY, List.of(UNRELATED, ANSWER));

		assertThat(scores.get(1)).isGreaterThan(scores.get(0));
	}

	@Test
	void shouldRankTheAnswerFirstAmongManyCandidates() {
		assumeTrue(scoresByRelevance(), "this reranker's scores do not follow relevance");
		List<String> candidates = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			candidates.addAll(DISTRACTORS);
		}
		int answerAt = 29;
		candidates.add(answerAt, ANSWER);

		List<Double> scores = this.reranker.score(QUERY, candidates);

		assertThat(scores).hasSize(candidates.size());
		int best = IntStream.range(0, scores.size())
			.reduce((a, b) -> (scores.get(b) > scores.get(a)) ? b : a)
			.orElseThrow();
		assertThat(best).isEqualTo(answerAt);
	}

	@Test
	void shouldScoreAPassageLongerThanTheModelReads() {
		assumeTrue(scoresByRelevance(), "this reranker's scores do not follow relevance");
		String longAnswer = ANSWER + " " + "Timetables change in winter and on public holidays. ".repeat(400);

		List<Double> scores = this.reranker.score(QUERY, List.of(UNRELATED, longAnswer));

		assertThat(scores).hasSize(2);
		assertThat(scores.get(1)).isGreaterThan(scores.get(0));
	}

	@Test
	void shouldHaveAName() {
		assertThat(this.reranker.name()).isNotBlank();
	}

}
