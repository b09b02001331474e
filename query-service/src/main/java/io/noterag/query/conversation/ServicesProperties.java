package io.noterag.query.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services this one calls live, and how long to wait for them.
 *
 * @param conversationUrl base URL of conversation-service
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param contextMessages how many recent messages to ask for with a conversation's
 * context
 */
@Validated
@ConfigurationProperties(prefix = "noterag.services")
public record ServicesProperties(@NotBlank @DefaultValue("http://127.0.0.1:8083") String conversationUrl,
		@NotNull @DefaultValue("2s") Duration connectTimeout, @NotNull @DefaultValue("5s") Duration readTimeout,
		@Min(1) @Max(100) @DefaultValue("10") int contextMessages) {
}
