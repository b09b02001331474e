package io.noterag.query.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.vector.ChunkRecord;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageModelAnswererTests {

	private final ExtractiveAnswerer extractive = new ExtractiveAnswerer(AnswerProperties.defaults());

	@AfterEach
	void close() {
		this.extractive.destroy();
	}

	@Test
	void shouldSendTheSystemPromptTheRecentHistoryAndTheNumberedSources() {
		LanguageModelAnswerer answerer = answerer(12000);
		List<ChatMessage> history = List.of(ChatMessage.user("first?"), ChatMessage.assistant("one [1]."));

		ChatRequest request = answerer.request("second?", List.of(source("Backup policy", "Kept 35 days.", 0)),
				history);

		assertThat(request.messages()).extracting(ChatMessage::role)
			.containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT,
					ChatMessage.Role.USER);
		assertThat(request.messages().get(3).content()).contains("[1] Backup policy\nKept 35 days.")
			.contains("Question: second?");
		assertThat(request.temperature()).isZero();
	}

	@Test
	void shouldTrimAPromptOverTheContextWindowInsteadOfFailing() {
		LanguageModelAnswerer answerer = answerer(1000);
		List<ChatMessage> history = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			history.add(ChatMessage.user("an old question " + "x".repeat(600)));
		}
		List<RetrievedChunk> sources = List.of(source("One", "a".repeat(3000), 0), source("Two", "b".repeat(3000), 1));

		ChatRequest request = answerer.request("the question?", sources, history);

		long characters = request.messages().stream().mapToLong((m) -> m.content().length()).sum();
		assertThat(characters).isLessThanOrEqualTo(1000L * LanguageModelAnswerer.CHARACTERS_PER_TOKEN);
		// history went first; both sources are still there, numbered as retrieved
		assertThat(request.messages()).hasSize(2);
		String user = request.messages().get(1).content();
		assertThat(user).contains("[1] One").contains("[2] Two").contains("Question: the question?");
		assertThat(user).doesNotContain("a".repeat(1001));
	}

	private LanguageModelAnswerer answerer(int maxPromptTokens) {
		GenerationProperties properties = new GenerationProperties(1, 0, 800, 4000, 6, maxPromptTokens);
		return new LanguageModelAnswerer(
				new StaticListableBeanFactory().getBeanProvider(io.noterag.shared.chat.ChatGateway.class),
				new PromptTemplates(properties), properties, this.extractive);
	}

	private static RetrievedChunk source(String title, String text, int rank) {
		ChunkRecord chunk = new ChunkRecord("c" + rank, "d" + rank, 0, text, title, "", "/notes/" + rank, "filesystem",
				"s", List.of(), Instant.EPOCH, List.of("group:everyone"), Map.of(), null);
		return new RetrievedChunk(chunk, 1.0, rank);
	}

}
