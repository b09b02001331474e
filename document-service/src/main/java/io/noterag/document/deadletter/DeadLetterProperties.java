package io.noterag.document.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dead-letter admin API.
 *
 * @param previewMessages messages shown per queue, by default
 * @param previewCharacters characters of a message's body shown
 * @param maxRedrive the most messages one re-drive moves
 * @param confirmTimeout how long to wait for the broker's confirm of one re-driven
 * message
 */
@Validated
@ConfigurationProperties(prefix = "noterag.dead-letters")
public record DeadLetterProperties(@Positive @Max(100) @DefaultValue("10") int previewMessages,
		@Positive @DefaultValue("500") int previewCharacters, @Positive @DefaultValue("10000") int maxRedrive,
		@NotNull @DefaultValue("5s") Duration confirmTimeout) {

}
