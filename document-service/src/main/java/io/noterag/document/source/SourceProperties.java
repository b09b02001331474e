package io.noterag.document.source;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of data sources.
 *
 * @param filesystem settings of filesystem sources
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources")
public record SourceProperties(@Valid @NotNull @DefaultValue Filesystem filesystem) {

	/**
	 * Settings of filesystem sources.
	 *
	 * @param allowedRoots the folders a filesystem source may read, with everything below
	 * them
	 */
	public record Filesystem(@NotEmpty List<Path> allowedRoots) {

	}

}
