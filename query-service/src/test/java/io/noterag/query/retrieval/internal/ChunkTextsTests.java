package io.noterag.query.retrieval.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkTextsTests {

	@Test
	void shouldNotRepeatTheSentencesANextChunkStartsWith() {
		String first = "Nightly backups are kept for 35 days.\nWeekly backups are copied to tape.";
		String second = "Weekly backups are copied to tape. Restores are tested monthly.";

		assertThat(ChunkTexts.join(List.of(first, second))).isEqualTo(
				"Nightly backups are kept for 35 days.\nWeekly backups are copied to tape.\nRestores are tested monthly.");
	}

	@Test
	void shouldJoinChunksThatDoNotOverlapWithALineBreak() {
		assertThat(ChunkTexts.join(List.of("Part one.", "Part two.", "Part three.")))
			.isEqualTo("Part one.\nPart two.\nPart three.");
	}

	@Test
	void shouldTakeNeitherAShortCoincidenceNorHalfAWordForAnOverlap() {
		assertThat(ChunkTexts.join(List.of("It ends with a.", "a. Then it goes on.")))
			.isEqualTo("It ends with a.\na. Then it goes on.");
		assertThat(ChunkTexts.join(List.of("The unbreakable vault door", "breakable vault door is steel.")))
			.isEqualTo("The unbreakable vault door\nbreakable vault door is steel.");
	}

	@Test
	void shouldDropANextChunkThatOnlyRepeats() {
		assertThat(ChunkTexts.join(List.of("Restores are tested on Mondays.", "Restores are tested on Mondays.")))
			.isEqualTo("Restores are tested on Mondays.");
	}

}
