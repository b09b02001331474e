package io.noterag.indexing.plugin.onenote;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the OneNote source.
 *
 * @param maxPageSize larger page HTML is a failed item
 * @param maxImageSize larger images are skipped (recorded on the page)
 * @param maxImagesPerPage images after this many on one page are skipped
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources.onenote")
public record OneNoteProperties(@DefaultValue("20MB") @NotNull DataSize maxPageSize,
		@DefaultValue("10MB") @NotNull DataSize maxImageSize,
		@DefaultValue("50") @Min(0) @Max(1000) int maxImagesPerPage) {

}
