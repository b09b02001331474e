package io.noterag.indexing.extraction;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of text extraction.
 *
 * @param maxCharacters the most characters read from one file; the rest is dropped and
 * the document marked {@code truncated}
 * @param timeout the longest one file may take to parse; a file that takes longer is a
 * failed item (its parser thread is interrupted and abandoned)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.extraction")
public record ExtractionProperties(@Min(1000) @DefaultValue("5000000") long maxCharacters,
		@DefaultValue("120s") Duration timeout) {
}
