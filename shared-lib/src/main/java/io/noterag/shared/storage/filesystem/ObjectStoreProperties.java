package io.noterag.shared.storage.filesystem;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link io.noterag.shared.storage.ObjectStore} adapter a service uses, and the
 * settings of the file-system one.
 *
 * @param type the adapter: {@code filesystem} (the default) or the name of another
 * adapter that must then be on the class path
 * @param filesystem settings of the {@code filesystem} adapter
 */
@Validated
@ConfigurationProperties(prefix = "noterag.object-store")
public record ObjectStoreProperties(@NotBlank @DefaultValue(ObjectStoreProperties.FILESYSTEM) String type,
		@Valid @NotNull @DefaultValue Filesystem filesystem) {

	/** Name of the file-system adapter. */
	public static final String FILESYSTEM = "filesystem";

	/**
	 * Settings of the file-system adapter.
	 *
	 * @param root the directory that holds the objects; relative paths are resolved
	 * against the working directory
	 */
	public record Filesystem(@NotNull @DefaultValue("./.data/objects") Path root) {
	}

}
