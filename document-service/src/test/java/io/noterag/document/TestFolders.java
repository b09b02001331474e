package io.noterag.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of this test run: the one allowed root, a folder outside it, and a link inside
 * the root that points outside.
 */
public final class TestFolders {

	private static final Path base = create();

	private TestFolders() {
	}

	public static Path root() {
		return base.resolve("allowed");
	}

	public static Path outside() {
		return base.resolve("outside");
	}

	/** A link inside the allowed root to the folder outside it. */
	public static Path escapingLink() {
		return root().resolve("escape");
	}

	/**
	 * A new folder inside the allowed root.
	 * @param name its name
	 * @return the folder
	 */
	public static Path newFolder(String name) {
		try {
			return Files.createTempDirectory(root(), name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path create() {
		try {
			Path base = Files.createTempDirectory("noterag-document-tests").toRealPath();
			Files.createDirectories(base.resolve("allowed"));
			Files.createDirectories(base.resolve("outside"));
			Files.writeString(base.resolve("outside").resolve("secret.md"), "# Secret\n");
			Files.writeString(base.resolve("allowed").resolve("a-file.md"), "# Not a folder\n");
			Files.createSymbolicLink(base.resolve("allowed").resolve("escape"), base.resolve("outside"));
			return base;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
