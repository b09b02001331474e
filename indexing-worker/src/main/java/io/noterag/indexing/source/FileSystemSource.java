package io.noterag.indexing.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.noterag.shared.source.AllowedRoots;

/**
 * The filesystem data source: walks a folder inside the allowed roots and reads its
 * files. Hidden files and folders (name starting with a dot) are left out. Every file and
 * folder reached through a symbolic link must still resolve inside an allowed root; a
 * link that escapes, a broken link, a link loop, an unreadable folder, a file over the
 * size limit or a special file is reported as a rejected item, never read.
 */
public class FileSystemSource {

	private final AllowedRoots roots;

	private final long maxFileSize;

	private final Set<String> allowedExtensions;

	/**
	 * A source that reads files of any type up to a size.
	 * @param roots where sources may read
	 * @param maxFileSize the largest file read, in bytes
	 */
	public FileSystemSource(AllowedRoots roots, long maxFileSize) {
		this(roots, maxFileSize, Set.of());
	}

	/**
	 * A source that reads files of the given types up to a size.
	 * @param roots where sources may read
	 * @param maxFileSize the largest file read, in bytes
	 * @param allowedExtensions the file name extensions read (lower case, without the
	 * dot); empty for every type
	 */
	public FileSystemSource(AllowedRoots roots, long maxFileSize, Set<String> allowedExtensions) {
		this.roots = roots;
		this.maxFileSize = maxFileSize;
		this.allowedExtensions = allowedExtensions.stream()
			.map((extension) -> extension.strip().toLowerCase(Locale.ROOT))
			.map((extension) -> extension.startsWith(".") ? extension.substring(1) : extension)
			.filter((extension) -> !extension.isEmpty())
			.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
	}

	/**
	 * Why a file of this name may not be read, or {@code null} when its type is allowed.
	 * @param fileName the file's name
	 * @return the reason, or {@code null}
	 */
	public String typeNotAllowed(String fileName) {
		if (this.allowedExtensions.isEmpty()) {
			return null;
		}
		int dot = fileName.lastIndexOf('.');
		String extension = (dot > 0) ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		if (this.allowedExtensions.contains(extension)) {
			return null;
		}
		return (extension.isEmpty() ? "files without an extension are not indexed"
				: "files of type ." + extension + " are not indexed") + " (allowed: "
				+ String.join(", ", this.allowedExtensions) + ")";
	}

	/**
	 * Finds a listed file again by its item id, which must stay inside the folder: no
	 * {@code ..}, no absolute path.
	 * @param folder the source's folder (a real path from {@link #resolveFolder})
	 * @param itemId the file's path relative to the folder, {@code /}-separated
	 * @return the file, or {@code null} when it no longer exists
	 * @throws RejectedFileException when the id escapes the folder, the file is not a
	 * regular file, its type is not allowed or it resolves outside the allowed roots
	 * @throws IOException when its attributes cannot be read
	 */
	public SourceFile find(Path folder, String itemId) throws IOException {
		Path file = folder.resolve(itemId.replace("/", folder.getFileSystem().getSeparator())).normalize();
		if (itemId.startsWith("/") || !file.startsWith(folder) || file.equals(folder)) {
			throw new RejectedFileException("the item id '" + itemId + "' is outside the source folder");
		}
		if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		if (Files.isSymbolicLink(file) && !Files.exists(file)) {
			throw new RejectedFileException("broken symbolic link");
		}
		if (!this.roots.contains(file)) {
			throw new RejectedFileException("symbolic link to a file outside the allowed roots");
		}
		BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
		if (!attrs.isRegularFile()) {
			throw new RejectedFileException("not a regular file");
		}
		String notAllowed = typeNotAllowed(file.getFileName().toString());
		if (notAllowed != null) {
			throw new RejectedFileException(notAllowed);
		}
		if (attrs.size() > this.maxFileSize) {
			throw new RejectedFileException(tooLarge(attrs.size()));
		}
		return new SourceFile(itemId, file, attrs.size(), attrs.lastModifiedTime().toInstant(),
				attrs.creationTime().toInstant());
	}

	/**
	 * Checks a source's configured folder.
	 * @param path the configured path
	 * @return its real path
	 * @throws AllowedRoots.PathNotAllowedException when it is not an absolute path to an
	 * existing folder inside the allowed roots
	 */
	public Path resolveFolder(String path) {
		return this.roots.checkFolder(path);
	}

	/**
	 * Lists a folder's files, recursively.
	 * @param folder the folder (a real path from {@link #resolveFolder})
	 * @return the files to index and the rejected items
	 * @throws IOException when the folder itself cannot be walked
	 */
	public Listing list(Path folder) throws IOException {
		List<SourceFile> files = new ArrayList<>();
		List<RejectedItem> rejected = new ArrayList<>();
		Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
				new Visitor(folder, files, rejected));
		files.sort(Comparator.comparing(SourceFile::itemId));
		rejected.sort(Comparator.comparing(RejectedItem::itemId));
		return new Listing(files, rejected);
	}

	/**
	 * Reads a listed file, checking again that it resolves inside an allowed root and is
	 * not over the size limit (it may have changed since it was listed).
	 * @param file the file
	 * @return its bytes
	 * @throws RejectedFileException when it now escapes the roots or is too large
	 * @throws IOException when it cannot be read
	 */
	public byte[] read(SourceFile file) throws IOException {
		Path real = file.path().toRealPath();
		if (!this.roots.contains(real)) {
			throw new RejectedFileException("symbolic link to a file outside the allowed roots");
		}
		try (InputStream in = Files.newInputStream(real)) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, this.maxFileSize + 1));
			if (bytes.length > this.maxFileSize) {
				throw new RejectedFileException(tooLarge(Files.size(real)));
			}
			return bytes;
		}
	}

	private String tooLarge(long size) {
		return String.format(Locale.ROOT, "too large (%s, the limit is %s)", megabytes(size),
				megabytes(this.maxFileSize));
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	private static boolean hidden(Path path) {
		Path name = path.getFileName();
		return name != null && name.toString().startsWith(".");
	}

	/** A file that may not be read after all; the message is the reason. */
	public static class RejectedFileException extends IOException {

		public RejectedFileException(String reason) {
			super(reason);
		}

	}

	private final class Visitor extends SimpleFileVisitor<Path> {

		private final Path folder;

		private final List<SourceFile> files;

		private final List<RejectedItem> rejected;

		Visitor(Path folder, List<SourceFile> files, List<RejectedItem> rejected) {
			this.folder = folder;
			this.files = files;
			this.rejected = rejected;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
			if (dir.equals(this.folder)) {
				return FileVisitResult.CONTINUE;
			}
			if (hidden(dir)) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			if (!FileSystemSource.this.roots.contains(dir)) {
				reject(dir, "symbolic link to a folder outside the allowed roots", true);
				return FileVisitResult.SKIP_SUBTREE;
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
			if (hidden(file)) {
				return FileVisitResult.CONTINUE;
			}
			if (Files.isSymbolicLink(file) && !Files.exists(file)) {
				reject(file, "broken symbolic link", false);
			}
			else if (!FileSystemSource.this.roots.contains(file)) {
				reject(file, "symbolic link to a file outside the allowed roots", false);
			}
			else if (!attrs.isRegularFile()) {
				reject(file, "not a regular file", false);
			}
			else if (typeNotAllowed(file.getFileName().toString()) != null) {
				reject(file, typeNotAllowed(file.getFileName().toString()), false);
			}
			else if (attrs.size() > FileSystemSource.this.maxFileSize) {
				reject(file, tooLarge(attrs.size()), false);
			}
			else {
				this.files.add(new SourceFile(itemId(file), file, attrs.size(), attrs.lastModifiedTime().toInstant(),
						attrs.creationTime().toInstant()));
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException exc) {
			if (hidden(file)) {
				return FileVisitResult.CONTINUE;
			}
			if (exc instanceof FileSystemLoopException) {
				reject(file, "symbolic link loop", true);
			}
			else if (exc instanceof AccessDeniedException) {
				reject(file, "cannot be read (permission denied)", Files.isDirectory(file));
			}
			else {
				reject(file, "cannot be read: " + exc.getMessage(), Files.isDirectory(file));
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
			if (exc != null) {
				reject(dir, "could not be listed completely: " + exc.getMessage(), true);
			}
			return FileVisitResult.CONTINUE;
		}

		private void reject(Path path, String reason, boolean isFolder) {
			this.rejected.add(new RejectedItem(itemId(path), reason, isFolder));
		}

		private String itemId(Path path) {
			String relative = this.folder.relativize(path).toString();
			return relative.replace(path.getFileSystem().getSeparator(), "/");
		}

	}

}
