package io.noterag.gateway.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits the gateway applies to every request.
 *
 * @param maxRequestSize largest request body accepted for routing (by its
 * {@code Content-Length}); larger ones get 413
 */
@Validated
@ConfigurationProperties(prefix = "noterag.gateway")
public record GatewayWebProperties(@NotNull @DefaultValue("25MB") DataSize maxRequestSize) {

}
