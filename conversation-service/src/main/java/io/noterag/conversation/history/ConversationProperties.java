package io.noterag.conversation.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of conversations.
 *
 * @param defaultTitle title of a conversation created without one
 * @param titleMaxLength longest title made from a question (cut at a word boundary)
 * @param defaultContextMessages messages returned as context when the caller names no
 * number
 * @param maxContextMessages most messages returned as context
 */
@Validated
@ConfigurationProperties(prefix = "noterag.conversations")
public record ConversationProperties(
		@NotBlank @Size(
				max = ConversationService.MAX_TITLE_LENGTH) @DefaultValue("New Conversation") String defaultTitle,
		@Min(10) @Max(ConversationService.MAX_TITLE_LENGTH) @DefaultValue("80") int titleMaxLength,
		@Min(1) @DefaultValue("10") int defaultContextMessages, @Min(1) @DefaultValue("100") int maxContextMessages) {

}
