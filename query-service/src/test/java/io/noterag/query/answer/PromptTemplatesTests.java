package io.noterag.query.answer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.vector.ChunkRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PromptTemplatesTests {

	@Test
	void shouldNumberTheSourcesInOrderAndAskTheQuestion() {
		PromptTemplates templates = new PromptTemplates(properties(1, 4000));

		String user = templates.user("How long are nightly backups retained?",
				List.of(retrieved("Backup policy", "Ops", "Nightly backups are retained for 35 days.", 0),
						retrieved("Office guide", "", "Lunch is served from 11:30.", 1)));

		assertThat(user).contains("[1] Backup policy > Ops\nNightly backups are retained for 35 days.")
			.contains("[2] Office guide\nLunch is served from 11:30.")
			.endsWith("Question: How long are nightly backups retained?\n")
			.doesNotContain("{{");
		assertThat(templates.system()).contains("[1]").contains("only");
	}

	@Test
	void shouldCutLongSources() {
		PromptTemplates templates = new PromptTemplates(properties(1, 200));

		String user = templates.user("q?", List.of(retrieved("Long", "", "x".repeat(5000), 0)));

		assertThat(user).contains("x".repeat(200) + "…").doesNotContain("x".repeat(201));
	}

	@Test
	void shouldFailAtStartUpForAVersionWithoutTemplates() {
		assertThatIllegalStateException().isThrownBy(() -> new PromptTemplates(properties(99, 4000)))
			.withMessageContaining("prompts/answer/v99/system.txt")
			.withMessageContaining("noterag.generation.prompt-version");
	}

	private static GenerationProperties properties(int version, int maxSourceCharacters) {
		return new GenerationProperties(version, 0, 800, maxSourceCharacters, 6, 12000, 1, 1, 1);
	}

	private static RetrievedChunk retrieved(String title, String heading, String text, int rank) {
		ChunkRecord chunk = new ChunkRecord("c" + rank, "d" + rank, 0, text, title, heading, "/notes/" + rank,
				"filesystem", "s", List.of(), Instant.EPOCH, List.of("group:everyone"), Map.of(), null);
		return new RetrievedChunk(chunk, 1.0 / (rank + 1), rank);
	}

}
