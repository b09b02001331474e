package io.noterag.query.answer.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTests {

	private final SentenceSplitter splitter = new SentenceSplitter();

	@Test
	void shouldSplitRunningTextIntoSentences() {
		List<TextUnit> units = this.splitter
			.split("The cluster runs in Frankfurt. Backups are kept for 35 days! Who owns it? Dana does.");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("The cluster runs in Frankfurt.", "Backups are kept for 35 days!", "Who owns it?",
					"Dana does.");
		assertThat(units).allMatch((u) -> u.kind() == UnitKind.SENTENCE);
	}

	@Test
	void shouldNotSplitAfterAbbreviationsInitialsOrInsideNumbers() {
		List<TextUnit> units = this.splitter.split(
				"Use a fast disk, e.g. NVMe, for version 3.5 of the index. Ask J. Smith about it. It costs 2.50 EUR.");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("Use a fast disk, e.g. NVMe, for version 3.5 of the index.", "Ask J. Smith about it.",
					"It costs 2.50 EUR.");
	}

	@Test
	void shouldKeepANumberedStepWholeWithItsSentencesAndContinuationLines() {
		List<TextUnit> units = this.splitter.split("""
				## Rotating the API key

				Follow these steps.

				1. Open the admin console. Log in with your SSO account.
				2. Click Keys, then Rotate.
				   Wait for the green banner.
				3. Restart the worker.
				""");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("Follow these steps.", "1. Open the admin console. Log in with your SSO account.",
					"2. Click Keys, then Rotate. Wait for the green banner.", "3. Restart the worker.");
		assertThat(units.subList(1, 4)).allMatch((u) -> u.kind() == UnitKind.STEP)
			.allMatch((u) -> u.heading().equals("Rotating the API key"));
	}

	@Test
	void shouldSplitNumberedStepsWrittenOnOneLine() {
		List<TextUnit> units = this.splitter
			.split("To rotate the key: 1. Open the console. 2. Click Keys. 3. Restart the worker.");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("To rotate the key:", "1. Open the console.", "2. Click Keys.", "3. Restart the worker.");
		assertThat(units.subList(1, 4)).allMatch((u) -> u.kind() == UnitKind.STEP);
	}

	@Test
	void shouldKeepTableRowsWholeUnderTheirHeaderRow() {
		List<TextUnit> units = this.splitter.split("""
				Database hosts per environment.

				| Environment | Host  | Port |
				|-------------|-------|------|
				| Staging     | db-02 | 5433 |
				| Production  | db-01 | 5432 |
				""");

		assertThat(units).hasSize(3);
		TextUnit staging = units.get(1);
		assertThat(staging.kind()).isEqualTo(UnitKind.TABLE_ROW);
		assertThat(staging.text()).isEqualTo("| Staging | db-02 | 5433 |");
		assertThat(staging.tableHeader()).isEqualTo("| Environment | Host | Port |");
		assertThat(staging.display()).isEqualTo("| Environment | Host | Port |\n| Staging | db-02 | 5433 |");
	}

	@Test
	void shouldReadTabSeparatedRowsAsATable() {
		List<TextUnit> units = this.splitter.split("Environment\tHost\tPort\nStaging\tdb-02\t5433\n");

		assertThat(units).singleElement().satisfies((row) -> {
			assertThat(row.text()).isEqualTo("| Staging | db-02 | 5433 |");
			assertThat(row.tableHeader()).isEqualTo("| Environment | Host | Port |");
		});
	}

	@Test
	void shouldKeepALoneTableRowAsAUnit() {
		assertThat(this.splitter.split("Owner | Dana Whitfield\nThe owner decides.")).extracting(TextUnit::text)
			.containsExactly("| Owner | Dana Whitfield |", "The owner decides.");
	}

	@Test
	void shouldTakeAShortTitleLineAsTheHeadingOfWhatFollows() {
		List<TextUnit> units = this.splitter.split("Backup policy\n\nNightly backups are kept for 35 days.\n");

		assertThat(units).singleElement().satisfies((u) -> {
			assertThat(u.text()).isEqualTo("Nightly backups are kept for 35 days.");
			assertThat(u.heading()).isEqualTo("Backup policy");
		});
	}

	@Test
	void shouldJoinWrappedLinesOfAParagraph() {
		List<TextUnit> units = this.splitter.split("The failover plan moves traffic\nto the Dublin region within\n"
				+ "ten minutes. It is tested every quarter.");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("The failover plan moves traffic to the Dublin region within ten minutes.",
					"It is tested every quarter.");
	}

	@Test
	void shouldMarkTextCutByTheChunkBoundaryAsFragments() {
		List<TextUnit> units = this.splitter
			.split("kept in the vault. The vault code changes monthly. The next change is on the");

		assertThat(units).extracting(TextUnit::fragment).containsExactly(true, false, true);
	}

	@Test
	void shouldKeepBulletItemsWhole() {
		List<TextUnit> units = this.splitter.split("- Owner: Dana Whitfield. Backup: Lee.\n- Pager: 555-0100\n");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("- Owner: Dana Whitfield. Backup: Lee.", "- Pager: 555-0100");
		assertThat(units).allMatch((u) -> u.kind() == UnitKind.ITEM);
	}

	@Test
	void shouldReadTheIndexersOneBlockPerLineText() {
		List<TextUnit> units = this.splitter.split("""
				Rotating the API key
				Do this every quarter. It takes five minutes:
				1. Open the admin console.
				2. Click Keys, then Rotate.
				After that, the old key stops working.
				Database hosts
				Environment | Host | Port
				Staging | db-02 | 5433
				""");

		assertThat(units).extracting(TextUnit::text)
			.containsExactly("Do this every quarter.", "It takes five minutes:", "1. Open the admin console.",
					"2. Click Keys, then Rotate.", "After that, the old key stops working.",
					"| Staging | db-02 | 5433 |");
		assertThat(units.get(0).heading()).isEqualTo("Rotating the API key");
		assertThat(units.get(3).kind()).isEqualTo(UnitKind.STEP);
		assertThat(units.get(4).kind()).isEqualTo(UnitKind.SENTENCE);
		assertThat(units.get(5).heading()).isEqualTo("Database hosts");
		assertThat(units.get(5).tableHeader()).isEqualTo("| Environment | Host | Port |");
	}

	@Test
	void shouldNotTakeTheFirstLineOfAWrappedParagraphForAHeading() {
		List<TextUnit> units = this.splitter.split("Visitors park in\nthe blue garage, bay 31.\n");

		assertThat(units).extracting(TextUnit::text).containsExactly("Visitors park in the blue garage, bay 31.");
	}

	@Test
	void shouldFindNothingInBlankText() {
		assertThat(this.splitter.split("  \n\n ")).isEmpty();
		assertThat(this.splitter.split(null)).isEmpty();
	}

}
