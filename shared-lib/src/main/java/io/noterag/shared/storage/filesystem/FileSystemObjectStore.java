package io.noterag.shared.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.noterag.shared.storage.ObjectStore;

/**
 * An {@link ObjectStore} that keeps each object as a file under a root directory, the key
 * being its relative path. A write goes to a temporary file in the target directory and
 * is then moved into place atomically, so a reader sees either the old object or the new
 * one, never a partial file. Nothing is kept in memory: replicas that share the directory
 * share the objects.
 */
public class FileSystemObjectStore implements ObjectStore {

	private static final String TEMP_PREFIX = ".tmp-";

	private static final int MAX_KEY_LENGTH = 1024;

	private static final int CREATE_ATTEMPTS = 5;

	private final Path root;

	/**
	 * Creates a store over a directory; the directory is created on the first write.
	 * @param root the root directory
	 * @throws IllegalArgumentException when the root exists and is not a directory
	 */
	public FileSystemObjectStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
			throw new IllegalArgumentException("Object store root " + this.root + " exists and is not a directory");
		}
	}

	/**
	 * The directory that holds the objects.
	 * @return the absolute root
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public void put(String key, byte[] data, String contentType) {
		if (data == null) {
			throw new IllegalArgumentException("Object data must not be null");
		}
		Path target = resolve(key);
		Path temp = createTempBeside(target);
		try {
			Files.write(temp, data);
			move(temp, target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store object '" + key + "'", ex);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		Path path = resolve(key);
		if (!Files.isRegularFile(path)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readAllBytes(path));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read object '" + key + "'", ex);
		}
	}

	@Override
	public void delete(String key) {
		Path path = resolve(key);
		if (!Files.isRegularFile(path)) {
			return;
		}
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete object '" + key + "'", ex);
		}
		pruneEmptyParents(path.getParent());
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key));
	}

	/**
	 * Checks a key and maps it to its file under the root.
	 * @param key the key
	 * @return the file's path
	 * @throws IllegalArgumentException when the key is not a safe relative key
	 */
	Path resolve(String key) {
		validate(key);
		Path path = this.root.resolve(key).normalize();
		if (!path.startsWith(this.root) || path.equals(this.root)) {
			throw new IllegalArgumentException("Object key '" + key + "' escapes the store");
		}
		return path;
	}

	private static void validate(String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("Object key must not be blank");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("Object key is longer than " + MAX_KEY_LENGTH + " characters");
		}
		if (key.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Object key must not contain NUL");
		}
		if (key.indexOf('\\') >= 0) {
			throw new IllegalArgumentException("Object key must not contain a backslash: '" + key + "'");
		}
		if (key.startsWith("/")) {
			throw new IllegalArgumentException("Object key must be relative: '" + key + "'");
		}
		for (String segment : key.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException(
						"Object key must be made of non-empty segments without '.' or '..': '" + key + "'");
			}
			if (segment.startsWith(TEMP_PREFIX)) {
				throw new IllegalArgumentException("Object key segments must not start with '" + TEMP_PREFIX + "'");
			}
			for (int i = 0; i < segment.length(); i++) {
				if (Character.isISOControl(segment.charAt(i))) {
					throw new IllegalArgumentException("Object key must not contain control characters");
				}
			}
		}
	}

	/**
	 * Creates the temporary file in the target's directory, so that the final move stays
	 * on one file system and is atomic. A concurrent delete may prune the freshly created
	 * directory, hence the retries.
	 */
	private Path createTempBeside(Path target) {
		Path directory = target.getParent();
		IOException last = null;
		for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
			try {
				Files.createDirectories(directory);
				return Files.createTempFile(directory, TEMP_PREFIX, ".part");
			}
			catch (NoSuchFileException ex) {
				last = ex;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not create a temporary file in " + directory, ex);
			}
		}
		throw new UncheckedIOException("Could not create a temporary file in " + directory, last);
	}

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private void pruneEmptyParents(Path directory) {
		Path current = directory;
		while (current != null && current.startsWith(this.root) && !current.equals(this.root)) {
			try {
				Files.delete(current);
			}
			catch (IOException ex) {
				// not empty (the usual case), already gone, or not ours to remove
				return;
			}
			current = current.getParent();
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// the temporary file is only left behind when the disk itself fails
		}
	}

	@Override
	public String toString() {
		return "FileSystemObjectStore[" + this.root + "]";
	}

}
