package io.noterag.conversation.history;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service's keys live in the shared Redis.
 *
 * @param keyPrefix put before every key, so deployments (or test runs) sharing one Redis
 * keep apart
 */
@Validated
@ConfigurationProperties(prefix = "noterag.cache")
public record CacheKeyProperties(@NotNull @DefaultValue("noterag:") String keyPrefix) {

}
