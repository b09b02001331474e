package io.noterag.query.answer;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitationFilterTests {

	@Test
	void shouldDropAnOutOfRangeCitationSplitOverPieces() {
		List<String> sent = stream(2, "The other ", "notes may ", "help too ", "[", "7", "]", ".");

		assertThat(String.join("", sent)).isEqualTo("The other notes may help too.");
		assertThat(sent).noneMatch((piece) -> piece.contains("[") || piece.contains("7"));
	}

	@Test
	void shouldPassAValidCitationOnOnceItIsComplete() {
		List<String> sent = stream(3, "Kept 35 days ", "[", "2", "]", " and more.");

		// nothing of the citation went out before its end, nor the space before it
		assertThat(sent).containsExactly("Kept 35 days", " [2]", " and more.");
	}

	@Test
	void shouldPassEverythingElseOnAtOncePieceByPiece() {
		List<String> pieces = List.of("According", " to", " the", " notes", ",", " backups", " last", " 35", " days");

		List<String> sent = stream(5, pieces.toArray(String[]::new));

		assertThat(sent).containsExactlyElementsOf(pieces);
	}

	@Test
	void shouldHoldOnlyTheSpacesThatMayComeBeforeACitation() {
		CitationFilter filter = new CitationFilter(1);

		assertThat(filter.accept("Kept ")).isEqualTo("Kept");
		assertThat(filter.accept("35 ")).isEqualTo(" 35");
		assertThat(filter.accept("days.")).isEqualTo(" days.");
	}

	@Test
	void shouldPassOnBracketsThatAreNoCitation() {
		assertThat(String.join("", stream(2, "See [", "note", "] and [", "] or [1", "a] x[9")))
			.isEqualTo("See [note] and [] or [1a] x[9");
		assertThat(String.join("", stream(2, "array[", "12345", "]"))).isEqualTo("array[12345]");
	}

	@Test
	void shouldKeepTheValidNumbersOfAMixedCitation() {
		assertThat(String.join("", stream(2, "Both ", "[1, ", "7]", " say so."))).isEqualTo("Both [1] say so.");
		assertThat(String.join("", stream(2, "Both [1,2] say so."))).isEqualTo("Both [1,2] say so.");
	}

	@Test
	void shouldReadAsTheCheckedWholeAnswer() {
		String[][] answers = { { "According to the notes: kept 35 days. [1] The other notes may help too [7]." },
				{ "Fact [", "9][", "1]. More [3", "][8]", "\nNext line [", "8]" }, { "[7] Starts with one. [1]" },
				{ "Ends with one [", "12]" }, { "Two invalid [7][", "8], then text [2]." } };
		for (String[] pieces : answers) {
			String whole = String.join("", pieces);
			String expected = Citations.check(whole, 3).text();

			assertThat(String.join("", stream(3, pieces)).strip()).as(whole).isEqualTo(expected.strip());
		}
	}

	private static List<String> stream(int sources, String... pieces) {
		CitationFilter filter = new CitationFilter(sources);
		List<String> sent = new ArrayList<>();
		for (String piece : pieces) {
			String out = filter.accept(piece);
			if (!out.isEmpty()) {
				sent.add(out);
			}
		}
		String rest = filter.finish();
		if (!rest.isEmpty()) {
			sent.add(rest);
		}
		return sent;
	}

}
