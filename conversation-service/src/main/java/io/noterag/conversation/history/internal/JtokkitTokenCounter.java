package io.noterag.conversation.history.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import io.noterag.conversation.history.TokenCounter;

/**
 * Counts tokens with JTokkit, the byte-pair encodings of OpenAI's models, shipped inside
 * the library (nothing is downloaded). Text is counted as ordinary text: a message that
 * happens to contain a special token such as {@code <|endoftext|>} is counted, not
 * refused.
 */
public class JtokkitTokenCounter implements TokenCounter {

	private final Encoding encoding;

	/**
	 * A counter for an encoding or a model.
	 * @param tokenizer an encoding name ({@code cl100k_base}, {@code o200k_base}, ...) or
	 * an OpenAI model name ({@code gpt-4o-mini})
	 * @throws IllegalArgumentException when JTokkit knows neither
	 */
	public JtokkitTokenCounter(String tokenizer) {
		EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
		String name = tokenizer.strip();
		this.encoding = registry.getEncoding(name)
			.or(() -> registry.getEncodingForModel(name))
			.orElseThrow(() -> new IllegalArgumentException("noterag.conversation.context.tokenizer: '" + name
					+ "' is neither an encoding ("
					+ Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", "))
					+ ") nor an OpenAI model name that JTokkit knows."));
	}

	@Override
	public int count(String text) {
		return (text == null || text.isEmpty()) ? 0 : this.encoding.countTokensOrdinary(text);
	}

	@Override
	public String encoding() {
		return this.encoding.getName();
	}

}
