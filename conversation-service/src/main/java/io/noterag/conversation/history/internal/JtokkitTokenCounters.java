package io.noterag.conversation.history.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.ModelType;

import io.noterag.conversation.history.TokenCounter;
import io.noterag.conversation.history.TokenCounters;

/**
 * Chooses the JTokkit counter of a model by its name. OpenAI models are counted with
 * their own encoding: first by JTokkit's model registry when it knows the exact name,
 * then by family ({@code gpt-4o*}, {@code chatgpt-4o*}, {@code gpt-4.1*},
 * {@code gpt-4.5*}, {@code gpt-5*}, {@code o1*}, {@code o3*}, {@code o4*},
 * {@code gpt-oss*}: {@code o200k_base}; {@code gpt-4*}, {@code gpt-3.5*},
 * {@code gpt-35*}: {@code cl100k_base}). A provider path or a fine-tune prefix is ignored
 * ({@code openai/gpt-4o}, {@code ft:gpt-4o-mini:acme::id}). Every other family (Claude,
 * Llama, Mistral, Mixtral, Qwen, Gemma, Phi, DeepSeek, ...) has a tokenizer that is not
 * available offline, and so has a name this class does not recognise: it is estimated
 * with {@code cl100k_base} times the configured factor, rounded up, which errs on the
 * side of a smaller context rather than one the model cannot take.
 * <p>
 * Counters are made once per encoding and factor and shared by every model counted that
 * way; model names are not kept, so any number of different names costs no memory.
 */
public class JtokkitTokenCounters implements TokenCounters {

	/** The encoding families without a tokenizer available here are estimated with. */
	static final EncodingType ESTIMATE_ENCODING = EncodingType.CL100K_BASE;

	private static final Pattern O200K_FAMILIES = Pattern
		.compile("(?:chatgpt-4o|gpt-4o|gpt-4\\.1|gpt-4\\.5|gpt-5|gpt-oss|o[1-9]\\d*(?![a-z0-9])).*");

	private static final Pattern CL100K_FAMILIES = Pattern.compile("(?:gpt-4|gpt-3\\.5|gpt-35)(?![.0-9]).*");

	private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

	private final Map<String, TokenCounter> counters = new ConcurrentHashMap<>();

	private final BigDecimal estimateFactor;

	private final TokenCounter defaultCounter;

	/**
	 * The counters.
	 * @param defaultTokenizer what contexts are counted with when no model is named: an
	 * encoding ({@code o200k_base}, {@code cl100k_base}, ...) or an OpenAI model name
	 * ({@code gpt-4o-mini})
	 * @param estimateFactor what {@code cl100k_base} counts are multiplied by for the
	 * families whose tokenizer is not available, at least 1
	 * @throws IllegalArgumentException when the default tokenizer is neither
	 */
	public JtokkitTokenCounters(String defaultTokenizer, BigDecimal estimateFactor) {
		if (estimateFactor.compareTo(BigDecimal.ONE) < 0) {
			throw new IllegalArgumentException(
					"noterag.conversation.context.estimate-factor must be at least 1: " + estimateFactor);
		}
		this.estimateFactor = estimateFactor;
		String name = defaultTokenizer.strip();
		EncodingType encoding = EncodingType.fromName(name)
			.or(() -> openAiEncoding(name))
			.orElseThrow(() -> new IllegalArgumentException("noterag.conversation.context.tokenizer: '" + name
					+ "' is neither an encoding ("
					+ Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", "))
					+ ") nor an OpenAI model name."));
		this.defaultCounter = counter(encoding, BigDecimal.ONE);
	}

	@Override
	public TokenCounter forModel(String model) {
		if (model == null || model.isBlank()) {
			return this.defaultCounter;
		}
		return openAiEncoding(model).map((encoding) -> counter(encoding, BigDecimal.ONE))
			.orElseGet(() -> counter(ESTIMATE_ENCODING, this.estimateFactor));
	}

	/**
	 * The encoding of an OpenAI model.
	 * @param model its name
	 * @return its encoding, or empty when the name is not an OpenAI model's
	 */
	static Optional<EncodingType> openAiEncoding(String model) {
		String name = model.strip().toLowerCase(Locale.ROOT);
		name = name.substring(name.lastIndexOf('/') + 1);
		if (name.startsWith("ft:")) {
			name = name.substring(3);
		}
		Optional<ModelType> known = ModelType.fromName(name);
		if (known.isPresent()) {
			return Optional.of(known.get().getEncodingType());
		}
		if (O200K_FAMILIES.matcher(name).matches()) {
			return Optional.of(EncodingType.O200K_BASE);
		}
		if (CL100K_FAMILIES.matcher(name).matches()) {
			return Optional.of(EncodingType.CL100K_BASE);
		}
		return Optional.empty();
	}

	private TokenCounter counter(EncodingType encoding, BigDecimal factor) {
		return this.counters.computeIfAbsent(encoding.getName() + "*" + factor.stripTrailingZeros().toPlainString(),
				(key) -> new JtokkitTokenCounter(this.registry.getEncoding(encoding), factor));
	}

}
