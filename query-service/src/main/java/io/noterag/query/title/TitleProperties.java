package io.noterag.query.title;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Titles written by the language model.
 *
 * @param enabled whether a configured model names new conversations
 * @param concurrency the most titles written at once; more first exchanges keep the title
 * made from their question
 * @param promptVersion the folder {@code prompts/title/v<version>} of the title prompt
 * @param defaultTitle the title conversation-service gives a conversation created without
 * one ({@code noterag.conversation.default-title} there): a conversation that still bears
 * it at its first exchange is named by the model too, one created with a title of its own
 * is not
 */
@Validated
@ConfigurationProperties(prefix = "noterag.generation.titles")
public record TitleProperties(@DefaultValue("true") boolean enabled,
		@Min(1) @Max(64) @DefaultValue("4") int concurrency, @Min(1) @DefaultValue("1") int promptVersion,
		@NotBlank @DefaultValue("New Conversation") String defaultTitle) {

}
