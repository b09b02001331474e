package io.noterag.indexing.catalog;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where document-service and multimodal-service are and how long to wait for them.
 *
 * @param documentUrl document-service's base URL
 * @param multimodalUrl multimodal-service's base URL (images found in items)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param sourceCacheTtl how long the items of a sync may use a source read earlier
 * instead of reading it again (configuration, credentials, principals); zero for never
 */
@Validated
@ConfigurationProperties(prefix = "noterag.services")
public record DocumentServiceProperties(@NotBlank @DefaultValue("http://127.0.0.1:8082") String documentUrl,
		@NotBlank @DefaultValue("http://127.0.0.1:8084") String multimodalUrl,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10s") Duration sourceCacheTtl) {
}
