package io.noterag.indexing.chunking;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.noterag.indexing.extraction.Block;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTests {

	private static WordPieceTokenCounter tokens;

	private static Chunker chunker;

	@BeforeAll
	static void loadTokenizer() {
		tokens = WordPieceTokenCounter.fromClasspath(WordPieceTokenCounter.BGE_SMALL_TOKENIZER);
		chunker = new Chunker(tokens, ChunkingProperties.defaults());
	}

	@AfterAll
	static void closeTokenizer() {
		tokens.close();
	}

	@Test
	void shouldCountTokensWithTheModelsOwnWordPieceVocabulary() {
		assertThat(tokens.count("hello world")).isEqualTo(2);
		// "postgresql" is not one word of the vocabulary: WordPiece splits it
		assertThat(tokens.count("postgresql")).isGreaterThan(1);
		assertThat(tokens.count("")).isZero();
	}

	@Test
	void shouldKeepEachTopLevelSectionInItsOwnChunksWithItsHeadingPath() {
		List<Block> blocks = List.of(Block.heading(1, "Runbook"),
				Block.paragraph("This runbook covers the database of the billing platform."),
				Block.heading(2, "Backup"), Block.paragraph("Backups run every night at 02:00 with pg_dump."),
				Block.heading(2, "Restore"),
				Block.paragraph("Restores take about forty minutes for the main cluster."));

		List<Chunk> chunks = chunker.chunk("Runbook", blocks);

		assertThat(chunks).extracting(Chunk::heading)
			.containsExactly("Runbook", "Runbook > Backup", "Runbook > Restore");
		assertThat(chunks.get(2).text()).isEqualTo("Restore\nRestores take about forty minutes for the main cluster.");
		assertThat(chunks.get(1).text()).doesNotContain("Restore");
		assertThat(chunks.get(2).embeddingText())
			.isEqualTo("Runbook > Restore\nRestore\nRestores take about forty minutes for the main cluster.");
		assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1, 2);
	}

	@Test
	void shouldShareAChunkBetweenSmallSubsectionsUnderTheirCommonHeading() {
		List<Block> blocks = List.of(Block.heading(1, "Network"), Block.paragraph("The office network."),
				Block.heading(2, "Wi-Fi"), Block.paragraph("The guest network is called Visitors."),
				Block.heading(3, "Password"), Block.paragraph("The password changes every month."),
				Block.heading(3, "Range"), Block.paragraph("It reaches the car park."), Block.heading(2, "Printers"),
				Block.paragraph("There are two printers on the second floor."));

		List<Chunk> chunks = chunker.chunk("Office", blocks);

		// one level-1 heading is the title: the level-2 sections are the top level
		assertThat(chunks).extracting(Chunk::heading)
			.containsExactly("Network", "Network > Wi-Fi", "Network > Printers");
		assertThat(chunks.get(1).text()).contains("Password", "The password changes every month.",
				"It reaches the car park.");
		assertThat(chunks.get(1).embeddingText()).startsWith("Office > Network > Wi-Fi\n");
	}

	@Test
	void shouldOverlapConsecutiveChunksOfASectionByWholeSentences() {
		List<Block> blocks = new ArrayList<>();
		blocks.add(Block.heading(1, "History"));
		for (int i = 1; i <= 30; i++) {
			blocks.add(Block.paragraph("In year " + i + " the team moved the archive to a new building near the river "
					+ "and wrote down what went wrong. It took " + i + " weeks."));
		}

		List<Chunk> chunks = chunker.chunk("History", blocks);

		assertThat(chunks).hasSizeGreaterThan(3);
		for (int i = 1; i < chunks.size(); i++) {
			String previous = chunks.get(i - 1).text();
			String first = chunks.get(i).text().split("\n")[0];
			assertThat(previous).as("chunk %d starts with the end of chunk %d", i, i - 1).endsWith(first);
			assertThat(tokens.count(first)).isLessThanOrEqualTo(2 * ChunkingProperties.defaults().overlapTokens());
			assertThat(first).endsWith(".");
		}
	}

	@Test
	void shouldNotOverlapAcrossTopLevelSections() {
		List<Block> blocks = new ArrayList<>();
		blocks.add(Block.heading(1, "Alpha"));
		blocks.add(Block.paragraph(sentences("Alpha fact", 40)));
		blocks.add(Block.heading(1, "Beta"));
		blocks.add(Block.paragraph("Beta has one short sentence."));

		List<Chunk> chunks = chunker.chunk("Doc", blocks);

		Chunk last = chunks.getLast();
		assertThat(last.heading()).isEqualTo("Beta");
		assertThat(last.text()).isEqualTo("Beta\nBeta has one short sentence.");
	}

	@Test
	void shouldStayWithinTheTargetAndNeverExceedTheModelWindow() {
		List<Block> blocks = List.of(Block.heading(1, "Long"),
				Block.paragraph(sentences("A long paragraph sentence", 120)),
				Block.paragraph(String.join(" ", java.util.Collections.nCopies(900, "word"))),
				Block.paragraph("x".repeat(5000)));
		ChunkingProperties settings = ChunkingProperties.defaults();

		List<Chunk> chunks = chunker.chunk("A title that is rather long for a document about many things", blocks);

		assertThat(chunks).isNotEmpty();
		for (Chunk chunk : chunks) {
			assertThat(tokens.count(chunk.text())).isEqualTo(chunk.tokens());
			assertThat(chunk.tokens()).isLessThanOrEqualTo(settings.targetTokens());
			assertThat(tokens.count(chunk.embeddingText()) + 2).isLessThanOrEqualTo(settings.maxTokens());
		}
	}

	@Test
	void shouldCutALongParagraphBetweenSentencesOnly() {
		String paragraph = sentences("The replication lag alarm fires when the replica falls behind", 40);
		List<Chunk> chunks = chunker.chunk("Alarms", List.of(Block.paragraph(paragraph)));

		assertThat(chunks).hasSizeGreaterThan(1);
		for (Chunk chunk : chunks) {
			assertThat(chunk.text()).endsWith(".");
			assertThat(paragraph).contains(chunk.text());
		}
	}

	@Test
	void shouldKeepNumberedStepsWithTheirIntroductionInOneChunkWhenTheyFit() {
		List<Block> blocks = new ArrayList<>();
		blocks.add(Block.heading(1, "Restore"));
		blocks.add(Block.paragraph(sentences("Context about the restore procedure", 10)));
		blocks.add(Block.paragraph("To restore the database:"));
		for (int i = 1; i <= 8; i++) {
			blocks.add(Block.listItem(
					i + ". Run the step number " + i
							+ " of the restore, check the output of the command and write the time in the log book.",
					1, 1));
		}
		blocks.add(Block.paragraph("After the restore, tell the team."));

		List<Chunk> chunks = chunker.chunk("Restore", blocks);

		List<Chunk> withSteps = chunks.stream().filter((c) -> c.text().contains("1. Run the step")).toList();
		assertThat(withSteps).hasSize(1);
		Chunk steps = withSteps.getFirst();
		assertThat(steps.text()).startsWith("To restore the database:\n1. Run the step number 1");
		assertThat(steps.text()).contains("8. Run the step number 8");
		assertThat(steps.tokens()).isGreaterThan(ChunkingProperties.defaults().targetTokens());
		assertThat(tokens.count(steps.embeddingText()) + 2).isLessThanOrEqualTo(512);
	}

	@Test
	void shouldCutALongTableBetweenRowsRepeatingTheHeaderRow() {
		List<Block> blocks = new ArrayList<>();
		blocks.add(Block.heading(1, "Servers"));
		blocks.add(Block.tableRow("Host | Role | Location | Owner", 1, true));
		for (int i = 1; i <= 80; i++) {
			blocks.add(Block.tableRow("srv-" + i + " | database replica " + i + " | rack " + (i % 7) + " | team " + i,
					1, false));
		}

		List<Chunk> chunks = chunker.chunk("Servers", blocks);

		assertThat(chunks).hasSizeGreaterThan(2);
		for (Chunk chunk : chunks) {
			assertThat(chunk.text()).contains("Host | Role | Location | Owner");
			for (String line : chunk.text().split("\n")) {
				assertThat(line).matches(
						"Servers|Host \\| Role \\| Location \\| Owner|srv-\\d+ \\| database replica \\d+ \\| rack \\d \\| team \\d+");
			}
		}
		String all = String.join("\n", chunks.stream().map(Chunk::text).toList());
		for (int i = 1; i <= 80; i++) {
			assertThat(all).contains("srv-" + i + " | database replica " + i + " |");
		}
	}

	@Test
	void shouldKeepASmallTableWhole() {
		List<Block> blocks = List.of(Block.heading(1, "Contacts"), Block.paragraph("Who to call."),
				Block.tableRow("Name | Phone", 1, true), Block.tableRow("Alice | 555-0101", 1, false),
				Block.tableRow("Bob | 555-0102", 1, false));

		List<Chunk> chunks = chunker.chunk("Contacts", blocks);

		assertThat(chunks).hasSize(1);
		assertThat(chunks.getFirst().text())
			.isEqualTo("Contacts\nWho to call.\nName | Phone\nAlice | 555-0101\nBob | 555-0102");
	}

	@Test
	void shouldNeverEndAChunkWithAHeading() {
		List<Block> blocks = new ArrayList<>();
		blocks.add(Block.heading(1, "Guide"));
		blocks.add(Block.heading(2, "Part one"));
		blocks.add(Block.paragraph(sentences("Part one explains the first idea", 20)));
		blocks.add(Block.heading(3, "Detail"));
		blocks.add(Block.paragraph(sentences("The detail is about the second idea", 20)));
		blocks.add(Block.heading(2, "Part two"));
		blocks.add(Block.paragraph("Short."));

		List<Chunk> chunks = chunker.chunk("Guide", blocks);

		for (Chunk chunk : chunks) {
			String lastLine = chunk.text().substring(chunk.text().lastIndexOf('\n') + 1);
			assertThat(lastLine).isNotIn("Guide", "Part one", "Detail", "Part two");
		}
		assertThat(chunks.stream().filter((c) -> c.text().startsWith("Detail\n")).findFirst())
			.hasValueSatisfying((c) -> assertThat(c.heading()).isEqualTo("Guide > Part one > Detail"));
	}

	@Test
	void shouldKeepCodeBlocksAsWrittenAndCutLongOnesBetweenLines() {
		String shortCode = "pg_dump -Fc billing > billing.dump\npg_restore -d billing billing.dump";
		StringBuilder longCode = new StringBuilder();
		for (int i = 0; i < 120; i++) {
			longCode.append("echo \"line ").append(i).append(" of the script\"\n");
		}
		List<Chunk> chunks = chunker.chunk("Scripts",
				List.of(Block.code(shortCode), Block.code(longCode.toString().strip())));

		assertThat(chunks.getFirst().text()).startsWith(shortCode);
		for (Chunk chunk : chunks) {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(200);
			for (String line : chunk.text().split("\n")) {
				assertThat(line).matches("pg_dump.*|pg_restore.*|echo \"line \\d+ of the script\"");
			}
		}
	}

	@Test
	void shouldReturnNoChunkForADocumentWithoutTextAndOneForOnlyHeadings() {
		assertThat(chunker.chunk("Empty", List.of())).isEmpty();
		assertThat(chunker.chunk("Empty", List.of(Block.paragraph("  ")))).isEmpty();
		assertThat(chunker.chunk("Headings", List.of(Block.heading(1, "Only"), Block.heading(2, "Headings"))))
			.extracting(Chunk::text)
			.containsExactly("Only\nHeadings");
	}

	@Test
	void shouldHonourConfiguredSizes() {
		Chunker small = new Chunker(tokens, new ChunkingProperties(40, 8, 128, 16));
		List<Chunk> chunks = small.chunk("Notes",
				List.of(Block.paragraph(sentences("Small chunks are wanted here", 30))));

		assertThat(chunks).hasSizeGreaterThan(5);
		for (Chunk chunk : chunks) {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(40);
			assertThat(tokens.count(chunk.embeddingText()) + 2).isLessThanOrEqualTo(128);
		}
	}

	@Test
	void shouldFallBackToAnApproximateCountThatDoesNotUnderCountEnglish() {
		ApproximateTokenCounter approximate = new ApproximateTokenCounter();
		String text = "The restore of the billing database takes forty minutes, see runbook RB-12 (PostgreSQL 15).";
		assertThat(approximate.count(text)).isGreaterThanOrEqualTo(tokens.count(text));
		assertThat(approximate.count("")).isZero();
	}

	private static String sentences(String stem, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			if (!text.isEmpty()) {
				text.append(' ');
			}
			text.append(stem).append(" number ").append(i).append('.');
		}
		return text.toString();
	}

}
