package io.noterag.conversation.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitlesTests {

	@Test
	void shouldKeepAShortQuestionAsItIs() {
		assertThat(Titles.fromQuestion("  What is the budget?\n", 80)).isEqualTo("What is the budget?");
	}

	@Test
	void shouldPutAQuestionSpreadOverLinesOnOneLine() {
		assertThat(Titles.fromQuestion("Summarise\n\n  the   onboarding\tsteps", 80))
			.isEqualTo("Summarise the onboarding steps");
	}

	@Test
	void shouldCutALongQuestionAtAWordBoundaryWithinTheLimit() {
		String title = Titles.fromQuestion(
				"Which of the three vendors offered the lowest price for the annual support contract renewal in 2024?",
				40);

		assertThat(title).isEqualTo("Which of the three vendors offered the…");
		assertThat(title).hasSizeLessThanOrEqualTo(40);
	}

	@Test
	void shouldNotEndOnDanglingPunctuation() {
		assertThat(Titles.fromQuestion("Budget, timeline, owners, risks, and dependencies of the project", 30))
			.isEqualTo("Budget, timeline, owners…");
	}

	@Test
	void shouldCutInsideAnOverlongWordRatherThanKeepNothing() {
		String title = Titles.fromQuestion("a " + "x".repeat(100), 20);

		assertThat(title).hasSize(20).startsWith("a xxx").endsWith("…");
	}

}
