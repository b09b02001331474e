package io.noterag.query.answer;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a language model (when one is configured) writes answers, standalone follow-ups,
 * query variants and hypothetical answers.
 *
 * @param promptVersion the folder {@code prompts/answer/v<version>} the answer's prompt
 * templates come from
 * @param temperature sampling temperature; 0 answers the same question the same way (and
 * lets the response cache answer repeats)
 * @param maxOutputTokens the longest answer asked for
 * @param maxSourceCharacters each source's text in the prompt is cut after this many
 * characters
 * @param historyMessages earlier messages of the conversation sent with the question
 * @param maxPromptTokens the most a prompt may take of the model's context window
 * (counted with the model's tokenizer, see {@code noterag.generation.tokens}): older
 * history is left out first, then the sources' texts are cut shorter, so that a long
 * conversation or long sources never make the model refuse the request; a model with a
 * smaller window than this plus {@code max-output-tokens} gets less
 * @param rewritePromptVersion the folder {@code prompts/rewrite/v<version>} of the prompt
 * that turns a follow-up into a standalone question
 * @param queryVariantsPromptVersion the folder {@code prompts/query-variants/v<version>}
 * of the prompt that writes the searches of {@code multi_query} and {@code rag_fusion}
 * @param hydePromptVersion the folder {@code prompts/hyde/v<version>} of the prompt that
 * writes the hypothetical answer {@code hyde} searches with
 */
@Validated
@ConfigurationProperties(prefix = "noterag.generation")
public record GenerationProperties(@Min(1) @DefaultValue("1") int promptVersion,
		@DecimalMin("0") @DecimalMax("2") @DefaultValue("0") double temperature,
		@Min(16) @Max(32768) @DefaultValue("800") int maxOutputTokens,
		@Min(200) @Max(100000) @DefaultValue("4000") int maxSourceCharacters,
		@Min(0) @Max(50) @DefaultValue("6") int historyMessages,
		@Min(500) @Max(2_000_000) @DefaultValue("12000") int maxPromptTokens,
		@Min(1) @DefaultValue("1") int rewritePromptVersion, @Min(1) @DefaultValue("1") int queryVariantsPromptVersion,
		@Min(1) @DefaultValue("1") int hydePromptVersion) {
}
