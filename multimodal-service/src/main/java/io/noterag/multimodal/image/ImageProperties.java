package io.noterag.multimodal.image;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of image uploads and the size of thumbnails.
 *
 * @param maxUploadSize largest accepted image file
 * @param maxRequestSize largest upload request (file and form fields)
 * @param maxPixels largest accepted image in pixels (width times height), which bounds
 * the memory one decode may take
 * @param thumbnailSize thumbnails fit in a square of this many pixels
 */
@Validated
@ConfigurationProperties(prefix = "noterag.images")
public record ImageProperties(@NotNull @DefaultValue("20MB") DataSize maxUploadSize,
		@NotNull @DefaultValue("21MB") DataSize maxRequestSize, @Min(1) @DefaultValue("50000000") long maxPixels,
		@Min(16) @Max(2048) @DefaultValue("300") int thumbnailSize) {

}
