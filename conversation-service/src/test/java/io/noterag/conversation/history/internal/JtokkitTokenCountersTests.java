package io.noterag.conversation.history.internal;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.noterag.conversation.history.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Token counts published for OpenAI's encodings (the tiktoken documentation and its
 * ports), so a wrong encoding or a miswired library shows, and the choice of counter by
 * model family.
 */
class JtokkitTokenCountersTests {

	private static final JtokkitTokenCounters COUNTERS = new JtokkitTokenCounters("o200k_base", new BigDecimal("1.2"));

	@Test
	void shouldCountLikeCl100kBase() {
		TokenCounter counter = new JtokkitTokenCounters("cl100k_base", BigDecimal.ONE).forModel(null);

		// [83, 1609, 5963, 374, 2294, 0] and [15339, 1917]
		assertThat(counter.count("tiktoken is great!")).isEqualTo(6);
		assertThat(counter.count("hello world")).isEqualTo(2);
		assertThat(counter.encoding()).isEqualTo("cl100k_base");
		assertThat(counter.key()).isEqualTo("cl100k_base");
	}

	@Test
	void shouldCountLikeO200kBaseWithoutAModel() {
		TokenCounter counter = COUNTERS.forModel(null);

		// [4422, 96439, 3063, 1996, 873, 89, 14457]
		assertThat(counter.count("El perro come las manzanas")).isEqualTo(7);
		assertThat(counter.encoding()).isEqualTo("o200k_base");
		assertThat(counter.factor()).isEqualByComparingTo("1");
		assertThat(COUNTERS.forModel("")).isSameAs(counter);
	}

	@Test
	void shouldTakeAnOpenAiModelNameAsTheDefaultTokenizer() {
		assertThat(new JtokkitTokenCounters("gpt-4o-mini", BigDecimal.ONE).forModel(null).encoding())
			.isEqualTo("o200k_base");
		assertThat(new JtokkitTokenCounters("gpt-4", BigDecimal.ONE).forModel(null).encoding())
			.isEqualTo("cl100k_base");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest", "gpt-4.1",
			"gpt-4.1-mini", "gpt-4.5-preview", "o1", "o1-mini", "o3-mini", "o4-mini", "gpt-5", "gpt-5-nano",
			"gpt-oss:20b", "openai/gpt-4o", "GPT-4o", "ft:gpt-4o-mini:acme::abc123" })
	void shouldCountModelsOfTheGpt4oGenerationAndLaterExactlyWithO200kBase(String model) {
		TokenCounter counter = COUNTERS.forModel(model);

		assertThat(counter.encoding()).isEqualTo("o200k_base");
		assertThat(counter.factor()).isEqualByComparingTo("1");
		assertThat(counter.count("El perro come las manzanas")).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gpt-4", "gpt-4-turbo", "gpt-4-0613", "gpt-4-32k", "gpt-3.5-turbo", "gpt-3.5-turbo-16k",
			"gpt-35-turbo", "text-embedding-3-small" })
	void shouldCountGpt4AndGpt35ModelsExactlyWithCl100kBase(String model) {
		TokenCounter counter = COUNTERS.forModel(model);

		assertThat(counter.encoding()).isEqualTo("cl100k_base");
		assertThat(counter.factor()).isEqualByComparingTo("1");
		assertThat(counter.count("tiktoken is great!")).isEqualTo(6);
	}

	@ParameterizedTest
	@ValueSource(strings = { "claude-3-5-sonnet-latest", "claude-opus-4-1", "anthropic.claude-3-haiku-20240307-v1:0",
			"llama3.1:8b", "meta-llama/Llama-3.1-8B-Instruct", "mistral-large-latest", "mixtral-8x7b", "qwen2.5:7b",
			"gemma2", "phi-3-mini", "deepseek-r1", "my-company-deployment" })
	void shouldEstimateOtherFamiliesWithCl100kBaseTimesTheFactorRoundedUp(String model) {
		TokenCounter counter = COUNTERS.forModel(model);

		assertThat(counter.encoding()).isEqualTo("cl100k_base");
		assertThat(counter.factor()).isEqualByComparingTo("1.2");
		assertThat(counter.key()).isEqualTo("cl100k_base*1.2");
		// 6 cl100k tokens: 7.2, rounded up
		assertThat(counter.count("tiktoken is great!")).isEqualTo(8);
		// 2 cl100k tokens: 2.4, rounded up
		assertThat(counter.count("hello world")).isEqualTo(3);
	}

	@Test
	void shouldScaleExactlyWithoutRoundingErrors() {
		TokenCounter counter = COUNTERS.forModel("claude-3-5-haiku-latest");
		// "hello world" is 2 cl100k tokens: five times that is 10, times 1.2 exactly 12
		String tenTokens = "hello world hello world hello world hello world hello world";
		assertThat(new JtokkitTokenCounters("cl100k_base", BigDecimal.ONE).forModel(null).count(tenTokens))
			.isEqualTo(10);

		assertThat(counter.count(tenTokens)).isEqualTo(12);
	}

	@Test
	void shouldShareOneCounterAmongModelsCountedAlike() {
		assertThat(COUNTERS.forModel("gpt-4o")).isSameAs(COUNTERS.forModel("o3-mini"))
			.isSameAs(COUNTERS.forModel(null));
		assertThat(COUNTERS.forModel("claude-3-opus")).isSameAs(COUNTERS.forModel("llama3"));
		assertThat(COUNTERS.forModel("gpt-4")).isNotSameAs(COUNTERS.forModel("claude-3-opus"));
	}

	@Test
	void shouldCountAnEmptyTextAsNothing() {
		assertThat(COUNTERS.forModel(null).count("")).isZero();
		assertThat(COUNTERS.forModel("claude-3-opus").count(null)).isZero();
	}

	@Test
	void shouldCountTextThatSpellsASpecialTokenAsOrdinaryText() {
		TokenCounter counter = COUNTERS.forModel("gpt-4");

		assertThat(counter.count("a message ending in <|endoftext|>")).isGreaterThan(4);
	}

	@Test
	void shouldRefuseAnUnknownTokenizerNamingTheKnownEncodings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JtokkitTokenCounters("bert-base", BigDecimal.ONE))
			.withMessageContaining("noterag.conversation.context.tokenizer")
			.withMessageContaining("bert-base")
			.withMessageContaining("cl100k_base")
			.withMessageContaining("o200k_base");
	}

	@Test
	void shouldRefuseAFactorThatWouldUndercount() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JtokkitTokenCounters("o200k_base", new BigDecimal("0.9")))
			.withMessageContaining("estimate-factor");
	}

}
