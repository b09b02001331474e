package io.noterag.query.title;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Titles written by the language model.
 *
 * @param enabled whether a configured model names new conversations
 * @param concurrency the most titles written at once; more first exchanges keep the title
 * made from their question
 */
@Validated
@ConfigurationProperties(prefix = "noterag.generation.titles")
public record TitleProperties(@DefaultValue("true") boolean enabled,
		@Min(1) @Max(64) @DefaultValue("4") int concurrency) {

}
