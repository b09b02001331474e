package io.noterag.indexing.source;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where filesystem sources may read and how much.
 *
 * @param allowedRoots folders a source folder must lie in (real paths, links resolved);
 * by default the bundled sample notebook and {@code .data/sources} under the working
 * directory, as in document-service
 * @param maxFileSize larger files are rejected items ("too large")
 * @param allowedTypes file name extensions that are read (without the dot); files of
 * other types are rejected items; empty for every type
 */
@Validated
@ConfigurationProperties(prefix = "noterag.sources.filesystem")
public record FileSystemSourceProperties(List<Path> allowedRoots, @DefaultValue("50MB") DataSize maxFileSize,
		@DefaultValue( {
				"md", "markdown", "txt", "text", "csv", "tsv", "json", "xml", "html", "htm", "xhtml", "pdf", "doc",
				"docx", "odt", "rtf", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "epub", "eml", "msg", "rst", "adoc",
				"log", "yaml", "yml" }) List<String> allowedTypes){

	public FileSystemSourceProperties {
		if (allowedRoots == null || allowedRoots.isEmpty()) {
			Path workingDirectory = Path.of(System.getProperty("user.dir"));
			allowedRoots = List.of(workingDirectory.resolve("docs/sample-notebook"),
					workingDirectory.resolve(".data/sources"));
		}
		allowedRoots = List.copyOf(allowedRoots);
		allowedTypes = (allowedTypes != null) ? List.copyOf(allowedTypes) : List.of();
	}

}
