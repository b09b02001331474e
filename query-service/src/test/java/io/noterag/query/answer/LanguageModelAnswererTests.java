package io.noterag.query.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.query.tokens.LanguageModelTokens;
import io.noterag.query.tokens.TokenProperties;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.LlmProperties;
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
	void shouldTrimAPromptOverItsBudgetCountedWithTheModelsTokenizer() {
		LanguageModelTokens tokens = tokens("openai", "gpt-4o-mini", 0);
		LanguageModelAnswerer answerer = answerer(1000, tokens);
		List<ChatMessage> history = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			history.add(ChatMessage
				.user("an old question about the backups of the cluster " + i + " and its retention, ".repeat(60)));
		}
		List<RetrievedChunk> sources = List.of(source("One", "Nightly backups are kept for 35 days. ".repeat(100), 0),
				source("Two", "Weekly backups go to the vault in Frankfurt. ".repeat(100), 1));

		ChatRequest request = answerer.request("the question?", sources, history);

		assertThat(tokens.count(request.messages())).isLessThanOrEqualTo(1000);
		// history went first; both sources are still there, numbered as retrieved
		assertThat(request.messages()).hasSize(2);
		String user = request.messages().get(1).content();
		assertThat(user).contains("[1] One").contains("[2] Two").contains("Question: the question?");
		// the sources were cut no more than needed
		assertThat(tokens.count(request.messages())).isGreaterThan(400);
	}

	@Test
	void shouldLeaveMoreRoomForAModelWhoseTokensAreOnlyEstimated() {
		List<RetrievedChunk> sources = List.of(source("One", "Nightly backups are kept for 35 days. ".repeat(100), 0),
				source("Two", "Weekly backups go to the vault in Frankfurt. ".repeat(100), 1));
		LanguageModelTokens openAi = tokens("openai", "gpt-4o-mini", 0);
		LanguageModelTokens claude = tokens("anthropic", "claude-sonnet-4-5", 0);

		// a budget the whole prompt just fits, counted with gpt-4o-mini's own tokenizer
		int budget = openAi.count(answerer(12000, openAi).request("the question?", sources, List.of()).messages());

		ChatRequest exact = answerer(budget, openAi).request("the question?", sources, List.of());
		ChatRequest estimated = answerer(budget, claude).request("the question?", sources, List.of());

		assertThat(exact.messages().get(1).content())
			.contains("Nightly backups are kept for 35 days. ".repeat(100).strip());
		assertThat(claude.count(estimated.messages())).isLessThanOrEqualTo(budget);
		assertThat(length(estimated)).isLessThan(length(exact));
	}

	@Test
	void shouldKeepTheAnswersRoomInsideASmallContextWindow() {
		// a window of 2,000 tokens and answers of up to 800: at most 1,200 for the prompt
		LanguageModelTokens small = tokens("openai", "gpt-4o-mini", 2000);
		LanguageModelAnswerer answerer = answerer(12000, small);

		ChatRequest request = answerer.request("the question?",
				List.of(source("One", "Nightly backups are kept for 35 days. ".repeat(400), 0)), List.of());

		assertThat(answerer.promptBudget()).isEqualTo(1200);
		assertThat(small.count(request.messages())).isLessThanOrEqualTo(1200);
	}

	private static long length(ChatRequest request) {
		return request.messages().stream().mapToLong((m) -> m.content().length()).sum();
	}

	private static LanguageModelTokens tokens(String type, String model, int contextWindow) {
		TokenProperties defaults = TokenProperties.defaults();
		return new LanguageModelTokens(
				new LlmProperties.Provider(type, null, model, null, "key", java.time.Duration.ofSeconds(15), 1),
				new TokenProperties(contextWindow, defaults.historyShare(), defaults.maxHistoryTokens(),
						defaults.estimateMargin(), defaults.tokensPerMessage()));
	}

	private LanguageModelAnswerer answerer(int maxPromptTokens) {
		return answerer(maxPromptTokens, tokens("openai", "gpt-4o-mini", 0));
	}

	private LanguageModelAnswerer answerer(int maxPromptTokens, LanguageModelTokens tokens) {
		GenerationProperties properties = new GenerationProperties(1, 0, 800, 4000, 6, maxPromptTokens, 1, 1, 1);
		return new LanguageModelAnswerer(
				new StaticListableBeanFactory().getBeanProvider(io.noterag.shared.chat.ChatGateway.class),
				new PromptTemplates(properties), properties, this.extractive, tokens);
	}

	private static RetrievedChunk source(String title, String text, int rank) {
		ChunkRecord chunk = new ChunkRecord("c" + rank, "d" + rank, 0, text, title, "", "/notes/" + rank, "filesystem",
				"s", List.of(), Instant.EPOCH, List.of("group:everyone"), Map.of(), null);
		return new RetrievedChunk(chunk, 1.0, rank);
	}

}
