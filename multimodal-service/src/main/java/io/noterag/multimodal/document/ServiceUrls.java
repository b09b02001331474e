package io.noterag.multimodal.document;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the other services are.
 *
 * @param documentUrl base URL of document-service
 */
@Validated
@ConfigurationProperties(prefix = "noterag.services")
public record ServiceUrls(@NotNull @DefaultValue("http://127.0.0.1:8082") URI documentUrl) {

}
