package io.noterag.shared.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The folders a filesystem source may read. A path is allowed only when its real path
 * (symbolic links resolved, {@code ..} removed) lies inside the real path of a root, so
 * that neither {@code ..} nor a link can escape.
 */
public final class AllowedRoots {

	private final List<Path> roots;

	public AllowedRoots(List<Path> roots) {
		this.roots = roots.stream().map(AllowedRoots::realOrNormal).toList();
	}

	public List<Path> roots() {
		return this.roots;
	}

	/**
	 * Resolves a folder given by a user and checks it.
	 * @param path the path as given
	 * @return its real path
	 * @throws PathNotAllowedException when it is not absolute, does not exist, is not a
	 * folder or lies outside every root
	 */
	public Path checkFolder(String path) {
		Path real = realPath(path);
		if (!Files.isDirectory(real)) {
			throw new PathNotAllowedException("The path '" + path + "' is not a folder.");
		}
		return real;
	}

	/**
	 * Checks a file or folder found while walking a source: its real path must still be
	 * inside a root (a link inside the folder may point elsewhere).
	 * @param candidate the path
	 * @return whether it is inside a root
	 */
	public boolean contains(Path candidate) {
		try {
			Path real = candidate.toRealPath();
			return this.roots.stream().anyMatch(real::startsWith);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Path realPath(String path) {
		if (path == null || path.isBlank()) {
			throw new PathNotAllowedException("A filesystem source needs 'path'.");
		}
		Path given;
		try {
			given = Path.of(path);
		}
		catch (InvalidPathException ex) {
			throw new PathNotAllowedException("The path '" + path + "' is not a valid path.");
		}
		if (!given.isAbsolute()) {
			throw new PathNotAllowedException("The path '" + path + "' must be absolute.");
		}
		Path real;
		try {
			real = given.toRealPath();
		}
		catch (IOException ex) {
			throw new PathNotAllowedException("The path '" + path + "' does not exist or cannot be read.");
		}
		if (this.roots.stream().noneMatch(real::startsWith)) {
			throw new PathNotAllowedException(
					"The path '" + path + "' is outside the allowed roots " + this.roots + ".");
		}
		return real;
	}

	private static Path realOrNormal(Path root) {
		try {
			return root.toRealPath();
		}
		catch (IOException ex) {
			return root.toAbsolutePath().normalize();
		}
	}

	/** A path that a filesystem source may not use. */
	public static class PathNotAllowedException extends RuntimeException {

		public PathNotAllowedException(String message) {
			super(message);
		}

	}

}
