package io.noterag.query.tokens;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What is known about a model from its name: the encoding its tokenizer uses, when
 * JTokkit has it, and the size of its context window. Names are matched by family, so
 * that dated snapshots ({@code gpt-4o-2024-08-06}), Azure deployments named after the
 * model ({@code gpt-4o-mini-prod}), gateway prefixes ({@code openai/gpt-4o}), fine-tunes
 * ({@code ft:gpt-4o-mini:acme::id}) and Ollama tags ({@code llama3.1:8b}) are recognised,
 * as conversation-service recognises them.
 */
final class ModelFamilies {

	/** OpenAI's encoding since GPT-4o. */
	static final String O200K_BASE = "o200k_base";

	/** OpenAI's encoding of GPT-4 and GPT-3.5, the stand-in for unknown tokenizers. */
	static final String CL100K_BASE = "cl100k_base";

	/** The window assumed for a model this table does not know. */
	static final int UNKNOWN_CONTEXT_WINDOW = 8_192;

	private static final Pattern O_SERIES = Pattern.compile("^o\\d+(-.*)?$");

	private static final List<String> O200K_PREFIXES = List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5",
			"gpt-oss");

	private static final List<String> CL100K_PREFIXES = List.of("gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3",
			"text-embedding-ada-002");

	/** Windows by name prefix, the more specific first. */
	private static final List<Window> WINDOWS = List.of(new Window("gpt-5", 400_000), new Window("gpt-4.1", 1_047_576),
			new Window("gpt-4.5", 128_000), new Window("gpt-4o", 128_000), new Window("chatgpt-4o", 128_000),
			new Window("gpt-4-turbo", 128_000), new Window("gpt-4-1106", 128_000), new Window("gpt-4-0125", 128_000),
			new Window("gpt-4-32k", 32_768), new Window("gpt-4", 8_192), new Window("gpt-3.5-turbo-instruct", 4_096),
			new Window("gpt-3.5", 16_385), new Window("gpt-35", 16_385), new Window("gpt-oss", 131_072),
			new Window("o1-mini", 128_000), new Window("o1-preview", 128_000), new Window("o1", 200_000),
			new Window("o3", 200_000), new Window("o4", 200_000), new Window("claude", 200_000),
			new Window("llama3.1", 128_000), new Window("llama3.2", 128_000), new Window("llama3.3", 128_000),
			new Window("llama-3.1", 128_000), new Window("llama-3.2", 128_000), new Window("llama-3.3", 128_000),
			new Window("llama3", 8_192), new Window("llama-3", 8_192), new Window("llama2", 4_096),
			new Window("llama-2", 4_096), new Window("mistral-large", 128_000), new Window("mistral-medium", 128_000),
			new Window("mistral-small", 128_000), new Window("mistral-nemo", 128_000), new Window("ministral", 128_000),
			new Window("mistral", 32_768), new Window("mixtral", 32_768), new Window("qwen", 32_768),
			new Window("gemma3", 128_000), new Window("gemma", 8_192));

	private ModelFamilies() {
	}

	/**
	 * The encoding of a model's tokenizer.
	 * @param model the model's name as configured
	 * @return {@code o200k_base} or {@code cl100k_base} for OpenAI's models, {@code null}
	 * when the family's tokenizer is not one of them
	 */
	static String encodingOf(String model) {
		String name = normalised(model);
		if (O200K_PREFIXES.stream().anyMatch(name::startsWith) || O_SERIES.matcher(name).matches()) {
			return O200K_BASE;
		}
		return CL100K_PREFIXES.stream().anyMatch(name::startsWith) ? CL100K_BASE : null;
	}

	/**
	 * The size of a model's context window, prompt and answer together.
	 * @param model the model's name as configured
	 * @return tokens; {@value #UNKNOWN_CONTEXT_WINDOW} for a family not in the table
	 */
	static int contextWindowOf(String model) {
		String name = normalised(model);
		for (Window window : WINDOWS) {
			if (name.startsWith(window.prefix()) && boundary(name, window.prefix().length())) {
				return window.tokens();
			}
		}
		return UNKNOWN_CONTEXT_WINDOW;
	}

	/** Whether the name goes on with something else than a longer number. */
	private static boolean boundary(String name, int end) {
		return end == name.length() || !Character.isDigit(name.charAt(end)) || !Character.isDigit(name.charAt(end - 1));
	}

	/**
	 * Lower case, without a gateway's {@code provider/} prefix and without a fine-tune's
	 * {@code ft:} wrapping ({@code ft:gpt-4o-mini:acme::id} is {@code gpt-4o-mini}).
	 */
	static String normalised(String model) {
		String name = model.strip().toLowerCase(Locale.ROOT);
		int slash = name.lastIndexOf('/');
		name = (slash >= 0) ? name.substring(slash + 1) : name;
		if (name.startsWith("ft:")) {
			int end = name.indexOf(':', 3);
			name = (end > 3) ? name.substring(3, end) : name.substring(3);
		}
		return name;
	}

	private record Window(String prefix, int tokens) {
	}

}
