package io.noterag.query.tokens;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.noterag.shared.chat.LlmProperties;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageModelTokensTests {

	private static final String TEXT = "Nightly backups of the Frankfurt cluster are retained for 35 days.";

	@Test
	void shouldCountOpenAiModelsWithTheEncodingOfTheirFamily() {
		for (String model : new String[] { "gpt-4o-mini", "gpt-4o-2024-08-06", "gpt-4.1-mini", "o1", "o3-mini",
				"o4-mini", "gpt-5", "openai/gpt-4o", "ft:gpt-4o-mini:acme::abc123" }) {
			LanguageModelTokens tokens = tokens("openai", model);
			assertThat(tokens.encoding()).as(model).isEqualTo("o200k_base");
			assertThat(tokens.estimated()).as(model).isFalse();
		}
		for (String model : new String[] { "gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "gpt-35-turbo" }) {
			LanguageModelTokens tokens = tokens("azure-openai", model);
			assertThat(tokens.encoding()).as(model).isEqualTo("cl100k_base");
			assertThat(tokens.estimated()).as(model).isFalse();
		}
	}

	@Test
	void shouldCountWithTheRealTokenizerNotACharacterGuess() {
		LanguageModelTokens tokens = tokens("openai", "gpt-4o-mini");

		// o200k_base cuts this sentence of 66 characters into 14 tokens; four characters
		// a token would say 17
		assertThat(tokens.count(TEXT)).isEqualTo(14);
		assertThat(tokens.count("")).isZero();
	}

	@Test
	void shouldEstimateOtherFamiliesWithCl100kAndTheMargin() {
		LanguageModelTokens gpt4 = tokens("openai", "gpt-4");
		for (String model : new String[] { "claude-sonnet-4-5", "llama3.1:8b", "mistral-large-latest",
				"qwen2.5:14b" }) {
			LanguageModelTokens tokens = tokens("anthropic", model);
			assertThat(tokens.encoding()).as(model).isEqualTo("cl100k_base");
			assertThat(tokens.estimated()).as(model).isTrue();
			assertThat(tokens.count(TEXT)).as(model).isEqualTo((int) Math.ceil(gpt4.count(TEXT) * 1.2));
		}
	}

	@Test
	void shouldKnowTheContextWindowsOfTheCommonFamilies() {
		assertThat(tokens("openai", "gpt-4o-mini").contextWindow()).isEqualTo(128_000);
		assertThat(tokens("openai", "gpt-4.1").contextWindow()).isEqualTo(1_047_576);
		assertThat(tokens("openai", "gpt-4").contextWindow()).isEqualTo(8_192);
		assertThat(tokens("openai", "gpt-4-turbo").contextWindow()).isEqualTo(128_000);
		assertThat(tokens("openai", "o3-mini").contextWindow()).isEqualTo(200_000);
		assertThat(tokens("anthropic", "claude-sonnet-4-5").contextWindow()).isEqualTo(200_000);
		assertThat(tokens("openai", "llama3.1:8b").contextWindow()).isEqualTo(128_000);
		assertThat(tokens("openai", "mistral:7b").contextWindow()).isEqualTo(32_768);
		assertThat(tokens("openai", "something-new").contextWindow()).isEqualTo(8_192);
		// Ollama's own API runs a model with 4,096 tokens unless told otherwise
		assertThat(tokens("ollama", "llama3.1:8b").contextWindow()).isEqualTo(4_096);
	}

	@Test
	void shouldAskForAShareOfTheWindowAsHistoryAtMostTheCap() {
		// a quarter of 8,192
		assertThat(tokens("openai", "gpt-4").historyTokens()).isEqualTo(2_048);
		// a quarter of 128,000 is more than the cap
		assertThat(tokens("openai", "gpt-4o-mini").historyTokens()).isEqualTo(4_000);
		TokenProperties configured = new TokenProperties(20_000, 0.5, 8_000, 1.25, 4);
		assertThat(new LanguageModelTokens(provider("openai", "gpt-4o-mini"), configured).historyTokens())
			.isEqualTo(8_000);
		assertThat(new LanguageModelTokens(provider("openai", "gpt-4o-mini"), configured).contextWindow())
			.isEqualTo(20_000);
	}

	@Test
	void shouldNameNoModelWhenNoneIsConfigured() {
		LanguageModelTokens none = new LanguageModelTokens((LlmProperties.Provider) null, TokenProperties.defaults());

		assertThat(none.model()).isNull();
		assertThat(none.count(TEXT)).isPositive();
	}

	private static LanguageModelTokens tokens(String type, String model) {
		return new LanguageModelTokens(provider(type, model), TokenProperties.defaults());
	}

	private static LlmProperties.Provider provider(String type, String model) {
		return new LlmProperties.Provider(type, null, model, null, "key", Duration.ofSeconds(15), 1);
	}

}
