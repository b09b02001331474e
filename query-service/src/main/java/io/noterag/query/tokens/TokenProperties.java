package io.noterag.query.tokens;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the configured language model's tokens are counted and budgeted.
 *
 * @param contextWindow the model's context window in tokens; 0 (the default) takes it
 * from the model's name ({@code gpt-4o-mini}: 128,000; {@code claude-*}: 200,000; unknown
 * families 8,192), and 4,096 for an {@code ollama} provider, whose native API runs models
 * with that context length unless told otherwise and cuts longer prompts without an
 * error. Set it for a model served with another window
 * @param historyShare the share of the context window the conversation's earlier messages
 * may take: conversation-service is asked for that many tokens of history
 * @param maxHistoryTokens the most tokens of history asked for, whatever the window
 * (conversation-service refuses more than its {@code max-tokens}, 128,000 by default)
 * @param estimateMargin what a count with {@code cl100k_base} is multiplied by for a
 * model whose own tokenizer JTokkit does not have (Claude, Llama, Mistral, Qwen, ...):
 * their tokenizers cut English prose into up to about a fifth more tokens than
 * {@code cl100k_base}, so 1.2 keeps an estimated prompt inside the window (the factor
 * conversation-service applies to the same families)
 * @param tokensPerMessage tokens the chat format adds around each message (its role and
 * separators), counted on top of its content
 */
@Validated
@ConfigurationProperties(prefix = "noterag.generation.tokens")
public record TokenProperties(@Min(0) @Max(10_000_000) @DefaultValue("0") int contextWindow,
		@DecimalMin("0.01") @DecimalMax("1") @DefaultValue("0.25") double historyShare,
		@Min(1) @Max(128_000) @DefaultValue("4000") int maxHistoryTokens,
		@DecimalMin("1") @DecimalMax("3") @DefaultValue("1.2") double estimateMargin,
		@Min(0) @Max(100) @DefaultValue("4") int tokensPerMessage) {

	/**
	 * The defaults.
	 * @return the settings with every default
	 */
	public static TokenProperties defaults() {
		return new TokenProperties(0, 0.25, 4000, 1.2, 4);
	}

}
