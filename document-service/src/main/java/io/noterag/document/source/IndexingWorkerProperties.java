package io.noterag.document.source;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the indexing worker is, to test sources.
 *
 * @param indexingWorkerUrl its base URL
 */
@Validated
@ConfigurationProperties(prefix = "noterag.services")
public record IndexingWorkerProperties(@NotNull @DefaultValue("http://127.0.0.1:8085") URI indexingWorkerUrl) {

}
