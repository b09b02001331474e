package io.noterag.indexing.source;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file found in a source folder, to be indexed.
 *
 * @param itemId its path relative to the source folder, {@code /}-separated: its id
 * inside the source
 * @param path its path (through the source folder, links not resolved)
 * @param size its size in bytes when listed
 * @param modifiedAt when it last changed
 * @param createdAt when it was created, as far as the file system knows
 */
public record SourceFile(String itemId, Path path, long size, Instant modifiedAt, Instant createdAt) {

	/**
	 * The file's name.
	 * @return the last part of its path
	 */
	public String fileName() {
		return this.path.getFileName().toString();
	}

	/**
	 * Its address as a {@code file://} URL of its absolute path.
	 * @return the URL
	 */
	public String url() {
		return this.path.toAbsolutePath().normalize().toUri().toString();
	}

}
