package io.noterag.query.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswererTests {

	private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(AnswerProperties.defaults());

	@AfterEach
	void close() {
		this.answerer.destroy();
	}

	@Test
	void shouldQuoteTheSentenceWithTheFactAndCiteItsDocumentFirst() {
		List<RetrievedChunk> chunks = retrieved(
				chunk("onboarding", 0, "Onboarding",
						"New staff get a laptop on day one. The office opens at eight. Lunch is at noon."),
				chunk("backups", 0, "Backup policy",
						"We back up every system. Nightly backups are retained for 35 days in the Frankfurt bucket. "
								+ "Weekly backups go to tape."),
				chunk("network", 0, "Network", "The office network uses two uplinks. Guests use a separate VLAN."));

		Answer answer = this.answerer.answer("How long are nightly backups retained?", chunks);

		assertThat(answer.found()).isTrue();
		assertThat(answer.text()).contains("Nightly backups are retained for 35 days in the Frankfurt bucket [1].");
		assertThat(answer.sources().get(0).chunk().documentId()).isEqualTo(id("backups"));
		assertThat(answer.sources().get(0).cited()).isTrue();
		assertThat(answer.sources().get(0).number()).isEqualTo(1);
	}

	@Test
	void shouldTagEachQuotedSentenceWithTheNumberOfItsOwnSource() {
		List<RetrievedChunk> chunks = retrieved(
				chunk("oslo", 0, "Oslo office", "The Oslo office door code is 4711. Parking is in the yard."),
				chunk("bergen", 0, "Bergen office", "The Bergen office door code is 9023. Bikes go in the cellar."));

		Answer answer = this.answerer.answer("What is the door code of the Bergen office?", chunks);

		int bergen = numberOf(answer, "bergen");
		int oslo = numberOf(answer, "oslo");
		assertThat(bergen).isEqualTo(1);
		assertThat(answer.text()).contains("The Bergen office door code is 9023 [" + bergen + "].");
		if (oslo > 0 && answer.text().contains("4711")) {
			assertThat(answer.text()).contains("The Oslo office door code is 4711 [" + oslo + "].");
		}
	}

	@Test
	void shouldQuoteANumberedStepWhole() {
		List<RetrievedChunk> chunks = retrieved(chunk("keys", 0, "API keys", """
				## Rotating the API key

				1. Open the admin console. Sign in with SSO.
				2. Click Keys, then Rotate. Copy the new key into the vault.
				3. Restart the ingest worker.
				"""), chunk("misc", 0, "Misc", "The coffee machine is on the second floor."));

		Answer answer = this.answerer.answer("Where do I copy the new key after I rotate it?", chunks);

		assertThat(answer.text()).contains("2. Click Keys, then Rotate. Copy the new key into the vault [1].");
	}

	@Test
	void shouldQuoteATableRowUnderItsHeader() {
		List<RetrievedChunk> chunks = retrieved(chunk("hosts", 0, "Database hosts", """
				| Environment | Host  | Port |
				|-------------|-------|------|
				| Staging     | db-02 | 5433 |
				| Production  | db-01 | 5432 |
				"""));

		Answer answer = this.answerer.answer("Which port does the staging database use?", chunks);

		assertThat(answer.text()).startsWith("| Environment | Host | Port |\n| Staging | db-02 | 5433 | [1]");
	}

	@Test
	void shouldSayItCannotFindTheAnswerWhenNoSentenceSharesAContentTerm() {
		List<RetrievedChunk> chunks = retrieved(
				chunk("onboarding", 0, "Onboarding", "New staff get a laptop on day one. The office opens at eight."));

		Answer answer = this.answerer.answer("What is the capital of Peru?", chunks);

		assertThat(answer.found()).isFalse();
		assertThat(answer.text()).isEqualTo(Answer.NOT_FOUND);
		assertThat(answer.sources()).isEmpty();
	}

	@Test
	void shouldSayItCannotFindTheAnswerWhenNothingWasRetrieved() {
		Answer answer = this.answerer.answer("How long are nightly backups retained?", List.of());

		assertThat(answer.found()).isFalse();
		assertThat(answer.text()).isEqualTo(Answer.NOT_FOUND);
		assertThat(answer.sources()).isEmpty();
	}

	@Test
	void shouldNotQuoteTheSameSentenceTwiceFromOverlappingChunks() {
		String shared = "Nightly backups are retained for 35 days in the Frankfurt bucket.";
		List<RetrievedChunk> chunks = retrieved(
				chunk("backups", 0, "Backup policy", "We back up every system. " + shared),
				chunk("backups", 1, "Backup policy", shared + " Restores are tested monthly by the backup team."));

		Answer answer = this.answerer.answer("How long are nightly backups retained?", chunks);

		assertThat(answer.text().split("35 days", -1)).hasSize(2);
		assertThat(answer.sources()).hasSize(1);
	}

	@Test
	void shouldAddSentencesThatBringSomethingNewInReadingOrder() {
		List<RetrievedChunk> chunks = retrieved(chunk("backups", 0, "Backup policy",
				"Nightly backups run at one in the morning. Nightly backups run at one every day. "
						+ "Restores of nightly backups are tested monthly. The coffee machine is on floor two."));

		Answer answer = this.answerer.answer("When do nightly backups run and how are restores tested?", chunks);

		assertThat(answer.text()).isEqualTo("Nightly backups run at one in the morning [1]. "
				+ "Restores of nightly backups are tested monthly [1].");
	}

	@Test
	void shouldQuoteAtMostTheConfiguredNumberOfUnits() {
		ExtractiveAnswerer two = new ExtractiveAnswerer(new AnswerProperties(1, 2, 300, 0.3, 0.0));
		List<RetrievedChunk> chunks = retrieved(chunk("owners", 0, "Owners",
				"Backups are owned by Dana. Restores are owned by Lee. Failover is owned by Sam. "
						+ "Monitoring is owned by Kim."));

		Answer answer = two.answer("Who owns backups, restores, failover and monitoring?", chunks);
		two.destroy();

		assertThat(answer.text().split("\\[1]", -1)).hasSize(3);
	}

	@Test
	void shouldNotQuoteAnotherDocumentForASingleSharedWord() {
		List<RetrievedChunk> chunks = retrieved(
				chunk("recipes", 0, "Recipes", "Goulash\n- 3 tablespoons of smoked paprika and 1 of sweet paprika"),
				chunk("postmortem", 0, "Postmortem",
						"Every certificate goes into the inventory, and an alert fires before it expires."));

		Answer answer = this.answerer.answer("How much smoked paprika goes into the goulash?", chunks);

		assertThat(answer.text()).isEqualTo("- 3 tablespoons of smoked paprika and 1 of sweet paprika [1]");
		assertThat(answer.citedCount()).isEqualTo(1);
	}

	@Test
	void shouldWriteTheHeaderOfATableOnceForSeveralRows() {
		List<RetrievedChunk> chunks = retrieved(chunk("hosts", 0, "Database hosts",
				"Environment | Host | Port\nStaging | db-02 | 5433\nProduction | db-01 | 5432\n"));

		Answer answer = this.answerer.answer("Which ports do the staging and production databases use?", chunks);

		assertThat(answer.text()).isEqualTo(
				"| Environment | Host | Port |\n| Staging | db-02 | 5433 | [1]\n| Production | db-01 | 5432 | [1]");
	}

	@Test
	void shouldListRetrievedButUncitedDocumentsAfterTheCitedOnesWithASnippet() {
		List<RetrievedChunk> chunks = retrieved(
				chunk("network", 0, "Network", "The office network uses two uplinks. Guests use a separate VLAN."),
				chunk("backups", 0, "Backup policy", "Nightly backups are retained for 35 days."));

		Answer answer = this.answerer.answer("How long are nightly backups retained?", chunks);

		assertThat(answer.sources()).extracting((s) -> s.chunk().documentId(), AnswerSource::cited)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(id("backups"), true),
					org.assertj.core.groups.Tuple.tuple(id("network"), false));
		assertThat(answer.sources().get(1).snippet()).startsWith("The office network uses two uplinks.");
	}

	@Test
	void shouldKeepSnippetsShort() {
		String longText = "Nightly backups are retained for 35 days. " + "The rotation is documented here. ".repeat(40);
		List<RetrievedChunk> chunks = retrieved(chunk("backups", 0, "Backup policy", longText));

		Answer answer = this.answerer.answer("How long are nightly backups retained?", chunks);

		assertThat(answer.sources().get(0).snippet()).startsWith("Nightly backups are retained for 35 days.")
			.hasSizeLessThanOrEqualTo(301);
	}

	@Test
	void shouldStartASearchSnippetAtTheSentenceWithTheMostQuestionTerms() {
		String text = "We back up every system. The rotation is documented on the wiki.\n"
				+ "Nightly backups are retained for 35 days in the Frankfurt bucket. Weekly backups go to tape. "
				+ "Tape studies continue. " + "Filler sentence here. ".repeat(30);

		List<String> snippets = this.answerer.snippets("How long are nightly backups retained?",
				List.of(chunk("backups", 0, "Backup policy", text),
						chunk("other", 0, "Other", "Nothing related at all.\nStill nothing.")));

		assertThat(snippets.get(0)).startsWith("Nightly backups are retained for 35 days in the Frankfurt bucket.")
			.hasSizeLessThanOrEqualTo(301)
			.doesNotContain("\n");
		assertThat(snippets.get(1)).isEqualTo("Nothing related at all. Still nothing.");
		// "study" has the stem "studi", matched as the prefix "stud"
		assertThat(this.answerer.snippet("what does the study say", chunk("backups", 0, "Backup policy", text)))
			.startsWith("Tape studies continue.");
	}

	private static int numberOf(Answer answer, String name) {
		return answer.sources()
			.stream()
			.filter((s) -> s.chunk().documentId().equals(id(name)))
			.mapToInt(AnswerSource::number)
			.findFirst()
			.orElse(0);
	}

	private static List<RetrievedChunk> retrieved(ChunkRecord... chunks) {
		List<RetrievedChunk> list = new ArrayList<>();
		for (int i = 0; i < chunks.length; i++) {
			// reciprocal rank scores, as hybrid retrieval gives them
			list.add(new RetrievedChunk(chunks[i], 2.0 / (60 + i + 1), i));
		}
		return list;
	}

	private static String id(String name) {
		return ChunkIds.documentId("source", name);
	}

	private static ChunkRecord chunk(String name, int index, String title, String text) {
		String documentId = id(name);
		return new ChunkRecord(ChunkIds.chunkId(documentId, index), documentId, index, text, title, "",
				"/notes/" + name + ".md", "filesystem", "source", List.of(), Instant.now(), List.of("group:everyone"),
				Map.of(), null);
	}

}
