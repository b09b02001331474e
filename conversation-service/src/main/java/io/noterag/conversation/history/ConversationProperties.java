package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of conversations.
 *
 * @param defaultTitle title of a conversation created without one, until its first
 * exchange names it
 * @param titleMaxLength longest title made from a question (cut at a word boundary)
 * @param context how the context of the next turn is chosen and cached
 */
@Validated
@ConfigurationProperties(prefix = "noterag.conversation")
public record ConversationProperties(
		@NotBlank @Size(
				max = ConversationService.MAX_TITLE_LENGTH) @DefaultValue("New Conversation") String defaultTitle,
		@Min(10) @Max(ConversationService.MAX_TITLE_LENGTH) @DefaultValue("80") int titleMaxLength,
		@Valid @NotNull @DefaultValue Context context) {

	/**
	 * The context handed to query-service for the next turn: the last whole messages that
	 * fit both a number of messages and a number of tokens.
	 *
	 * @param tokenizer the encoding tokens are counted with when the caller names no
	 * {@code model} ({@code cl100k_base}, {@code o200k_base}, ...), or an OpenAI model
	 * name whose encoding is meant ({@code gpt-4o-mini})
	 * @param estimateFactor what {@code cl100k_base} counts are multiplied by (rounded
	 * up) for a {@code model} whose tokenizer is not available offline (Claude, Llama,
	 * Mistral, Qwen, Gemma, Phi, DeepSeek, ...): a safety margin, since several of these
	 * tokenizers split text into more tokens than {@code cl100k_base} does
	 * @param tokensPerMessage tokens the chat format adds around each message (role and
	 * separators), counted on top of its content
	 * @param defaultMaxMessages messages when the caller names no {@code max_messages}
	 * @param maxMessages largest {@code max_messages} accepted
	 * @param defaultMaxTokens tokens when the caller names no {@code max_tokens}
	 * @param maxTokens largest {@code max_tokens} accepted
	 * @param cacheTtl longest time a context stays in Redis; every change of the
	 * conversation removes it earlier
	 */
	public record Context(@NotBlank @DefaultValue("o200k_base") String tokenizer,
			@NotNull @DecimalMin("1.0") @DecimalMax("4.0") @DefaultValue("1.2") BigDecimal estimateFactor,
			@Min(0) @Max(100) @DefaultValue("4") int tokensPerMessage,
			@Min(1) @DefaultValue("10") int defaultMaxMessages,
			@Min(1) @Max(10_000) @DefaultValue("100") int maxMessages,
			@Min(1) @DefaultValue("4000") int defaultMaxTokens,
			@Min(1) @Max(10_000_000) @DefaultValue("128000") int maxTokens,
			@NotNull @DefaultValue("5m") Duration cacheTtl) {

		@AssertTrue(message = "default-max-messages must not exceed max-messages")
		public boolean isDefaultMaxMessagesWithinMaximum() {
			return this.defaultMaxMessages <= this.maxMessages;
		}

		@AssertTrue(message = "default-max-tokens must not exceed max-tokens")
		public boolean isDefaultMaxTokensWithinMaximum() {
			return this.defaultMaxTokens <= this.maxTokens;
		}

		@AssertTrue(message = "cache-ttl must be at least one second")
		public boolean isCacheTtlPositive() {
			return this.cacheTtl == null || this.cacheTtl.toMillis() >= 1000;
		}

	}

}
