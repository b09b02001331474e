package io.noterag.query.tokens;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.LlmProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The tokens of the first configured language model ({@code noterag.llm.providers[0]}),
 * the one every prompt is sized for: its tokenizer's encoding, chosen by its name
 * ({@code gpt-4o}, {@code gpt-4.1}, {@code o1}/{@code o3}/{@code o4}, {@code gpt-5}:
 * {@code o200k_base}; {@code gpt-4}, {@code gpt-3.5}: {@code cl100k_base}; any other
 * family: {@code cl100k_base} times {@code noterag.generation.tokens.estimate-margin}),
 * its context window, and the share of it that the conversation's history may take.
 * Without a configured model it still counts (with {@code cl100k_base}, estimated) but
 * names no model.
 */
@Component
public class LanguageModelTokens {

	private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

	/** Tokens that prime the model's reply after the last message. */
	public static final int REPLY_PRIMING = 3;

	/** The context length Ollama runs a model with unless it is told otherwise. */
	static final int OLLAMA_CONTEXT_LENGTH = 4_096;

	private final String model;

	private final Encoding encoding;

	private final boolean estimated;

	private final double margin;

	private final int contextWindow;

	private final int historyTokens;

	private final int tokensPerMessage;

	/**
	 * The counts of the first configured provider's model.
	 * @param llm the language model settings, if any
	 * @param properties how tokens are budgeted
	 */
	@Autowired
	public LanguageModelTokens(ObjectProvider<LlmProperties> llm, TokenProperties properties) {
		this(firstProvider(llm.getIfAvailable()), properties);
	}

	/**
	 * The counts of a provider's model.
	 * @param provider the provider, or {@code null} for none
	 * @param properties how tokens are budgeted
	 */
	public LanguageModelTokens(LlmProperties.Provider provider, TokenProperties properties) {
		this.model = (provider != null && provider.model() != null && !provider.model().isBlank())
				? provider.model().strip() : null;
		String own = (this.model != null) ? ModelFamilies.encodingOf(this.model) : null;
		this.estimated = own == null;
		this.encoding = REGISTRY.getEncoding((own != null) ? own : ModelFamilies.CL100K_BASE)
			.orElseThrow(() -> new IllegalStateException("JTokkit has no encoding " + own));
		this.margin = this.estimated ? properties.estimateMargin() : 1.0;
		this.tokensPerMessage = properties.tokensPerMessage();
		if (properties.contextWindow() > 0) {
			this.contextWindow = properties.contextWindow();
		}
		else if (this.model == null) {
			this.contextWindow = ModelFamilies.UNKNOWN_CONTEXT_WINDOW;
		}
		else {
			int window = ModelFamilies.contextWindowOf(this.model);
			this.contextWindow = LlmProperties.Provider.OLLAMA.equals(provider.type().strip())
					? Math.min(window, OLLAMA_CONTEXT_LENGTH) : window;
		}
		this.historyTokens = (int) Math.max(1,
				Math.min(properties.maxHistoryTokens(), Math.floor(this.contextWindow * properties.historyShare())));
	}

	private static LlmProperties.Provider firstProvider(LlmProperties llm) {
		return (llm != null && !llm.providers().isEmpty()) ? llm.providers().get(0) : null;
	}

	/**
	 * The model prompts are sized for.
	 * @return its name as configured, or {@code null} when no language model is
	 * configured
	 */
	public String model() {
		return this.model;
	}

	/**
	 * The encoding tokens are counted with.
	 * @return e.g. {@code o200k_base}
	 */
	public String encoding() {
		return this.encoding.getName();
	}

	/**
	 * Whether counts are estimates (the model's own tokenizer is not at hand, so
	 * {@code cl100k_base}'s count is taken with a margin).
	 * @return {@code true} for Claude, Llama, Mistral, ... and without a model
	 */
	public boolean estimated() {
		return this.estimated;
	}

	/**
	 * The model's context window, prompt and answer together.
	 * @return tokens
	 */
	public int contextWindow() {
		return this.contextWindow;
	}

	/**
	 * How many tokens of the conversation's earlier messages to ask for: the configured
	 * share of the context window, at most the configured cap.
	 * @return tokens, at least 1
	 */
	public int historyTokens() {
		return this.historyTokens;
	}

	/**
	 * The tokens of a text.
	 * @param text the text
	 * @return its tokens, with the margin when estimated
	 */
	public int count(String text) {
		if (text == null || text.isEmpty()) {
			return 0;
		}
		int tokens = this.encoding.countTokensOrdinary(text);
		return (this.margin == 1.0) ? tokens : (int) Math.ceil(tokens * this.margin);
	}

	/**
	 * The tokens a chat's messages take of the context window: each message's content and
	 * the format's tokens around it, and the priming of the reply.
	 * @param messages the messages
	 * @return the tokens
	 */
	public int count(List<ChatMessage> messages) {
		int total = REPLY_PRIMING;
		for (ChatMessage message : messages) {
			total += count(message);
		}
		return total;
	}

	/**
	 * The tokens one message takes, its role and separators included.
	 * @param message the message
	 * @return the tokens
	 */
	public int count(ChatMessage message) {
		return count(message.content()) + this.tokensPerMessage;
	}

	@Override
	public String toString() {
		return "LanguageModelTokens[model=" + this.model + ", encoding=" + encoding() + ", estimated=" + this.estimated
				+ ", contextWindow=" + this.contextWindow + ", historyTokens=" + this.historyTokens + "]";
	}

}
