package io.noterag.document.document;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the other services are, and how long to wait for them.
 *
 * @param multimodalUrl base URL of multimodal-service
 * @param connectTimeout longest wait for a connection
 * @param readTimeout longest wait for an answer
 */
@Validated
@ConfigurationProperties(prefix = "noterag.services")
public record ServicesProperties(@NotNull @DefaultValue("http://127.0.0.1:8084") URI multimodalUrl,
		@NotNull @DefaultValue("2s") Duration connectTimeout, @NotNull @DefaultValue("5s") Duration readTimeout) {

}
