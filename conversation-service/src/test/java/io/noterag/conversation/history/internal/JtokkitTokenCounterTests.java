package io.noterag.conversation.history.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Token counts published for OpenAI's encodings (the tiktoken documentation and its
 * ports), so a wrong encoding or a miswired library shows.
 */
class JtokkitTokenCounterTests {

	@Test
	void shouldCountLikeCl100kBase() {
		JtokkitTokenCounter counter = new JtokkitTokenCounter("cl100k_base");

		// [83, 1609, 5963, 374, 2294, 0] and [15339, 1917]
		assertThat(counter.count("tiktoken is great!")).isEqualTo(6);
		assertThat(counter.count("hello world")).isEqualTo(2);
		assertThat(counter.encoding()).isEqualTo("cl100k_base");
	}

	@Test
	void shouldCountLikeO200kBase() {
		JtokkitTokenCounter counter = new JtokkitTokenCounter("o200k_base");

		// [4422, 96439, 3063, 1996, 873, 89, 14457]
		assertThat(counter.count("El perro come las manzanas")).isEqualTo(7);
		assertThat(counter.encoding()).isEqualTo("o200k_base");
	}

	@Test
	void shouldFindTheEncodingOfAModelByItsName() {
		assertThat(new JtokkitTokenCounter("gpt-4o").encoding()).isEqualTo("o200k_base");
		assertThat(new JtokkitTokenCounter("gpt-4").encoding()).isEqualTo("cl100k_base");
	}

	@Test
	void shouldCountAnEmptyTextAsNothing() {
		JtokkitTokenCounter counter = new JtokkitTokenCounter("o200k_base");

		assertThat(counter.count("")).isZero();
		assertThat(counter.count(null)).isZero();
	}

	@Test
	void shouldCountTextThatSpellsASpecialTokenAsOrdinaryText() {
		JtokkitTokenCounter counter = new JtokkitTokenCounter("cl100k_base");

		assertThat(counter.count("a message ending in <|endoftext|>")).isGreaterThan(4);
	}

	@Test
	void shouldRefuseAnUnknownTokenizerNamingTheKnownEncodings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JtokkitTokenCounter("bert-base"))
			.withMessageContaining("noterag.conversation.context.tokenizer")
			.withMessageContaining("bert-base")
			.withMessageContaining("cl100k_base")
			.withMessageContaining("o200k_base");
	}

}
