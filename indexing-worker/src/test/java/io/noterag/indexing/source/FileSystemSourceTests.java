package io.noterag.indexing.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.noterag.shared.source.AllowedRoots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileSystemSourceTests {

	@TempDir
	Path temp;

	private Path root;

	private Path outside;

	private FileSystemSource source;

	@BeforeEach
	void createFolders() throws Exception {
		this.root = Files.createDirectories(this.temp.resolve("roots/notes")).toRealPath();
		this.outside = Files.createDirectories(this.temp.resolve("elsewhere")).toRealPath();
		this.source = new FileSystemSource(new AllowedRoots(List.of(this.root)), 100);
	}

	@Test
	void shouldListFilesRecursivelyWithSlashSeparatedRelativeIds() throws Exception {
		write("a.md", "alpha");
		write("team/b.txt", "beta");
		write("team/deep/c.html", "<p>gamma</p>");

		Listing listing = this.source.list(this.source.resolveFolder(this.root.toString()));

		assertThat(listing.files()).extracting(SourceFile::itemId)
			.containsExactly("a.md", "team/b.txt", "team/deep/c.html");
		assertThat(listing.rejected()).isEmpty();
		SourceFile file = listing.files().get(1);
		assertThat(file.size()).isEqualTo(4);
		assertThat(file.url()).isEqualTo(this.root.resolve("team/b.txt").toUri().toString()).startsWith("file:///");
		assertThat(new String(this.source.read(file), StandardCharsets.UTF_8)).isEqualTo("beta");
	}

	@Test
	void shouldSkipHiddenFilesAndFolders() throws Exception {
		write("visible.md", "yes");
		write(".hidden.md", "no");
		write(".git/config", "no");
		write("team/.cache/x.txt", "no");

		Listing listing = this.source.list(this.root);

		assertThat(listing.files()).extracting(SourceFile::itemId).containsExactly("visible.md");
		assertThat(listing.rejected()).isEmpty();
	}

	@Test
	void shouldRejectSymbolicLinksThatEscapeTheAllowedRootsWithoutReadingThem() throws Exception {
		Files.writeString(this.outside.resolve("secret.txt"), "top secret");
		Files.createDirectories(this.outside.resolve("private"));
		Files.writeString(this.outside.resolve("private/more.txt"), "more secrets");
		Files.createSymbolicLink(this.root.resolve("escape.txt"), this.outside.resolve("secret.txt"));
		Files.createSymbolicLink(this.root.resolve("escape-dir"), this.outside.resolve("private"));
		write("ok.txt", "fine");

		Listing listing = this.source.list(this.root);

		assertThat(listing.files()).extracting(SourceFile::itemId).containsExactly("ok.txt");
		assertThat(listing.rejected()).containsExactly(
				new RejectedItem("escape-dir", "symbolic link to a folder outside the allowed roots", true),
				new RejectedItem("escape.txt", "symbolic link to a file outside the allowed roots", false));
	}

	@Test
	void shouldFollowLinksThatStayInsideTheRootsAndReportBrokenLinksAndLoops() throws Exception {
		write("shared/doc.txt", "shared doc");
		Files.createSymbolicLink(this.root.resolve("alias.txt"), this.root.resolve("shared/doc.txt"));
		Files.createSymbolicLink(this.root.resolve("dangling.txt"), this.root.resolve("missing.txt"));
		Files.createSymbolicLink(this.root.resolve("shared/loop"), this.root);

		Listing listing = this.source.list(this.root);

		assertThat(listing.files()).extracting(SourceFile::itemId).containsExactly("alias.txt", "shared/doc.txt");
		assertThat(listing.rejected()).containsExactly(new RejectedItem("dangling.txt", "broken symbolic link", false),
				new RejectedItem("shared/loop", "symbolic link loop", true));
	}

	@Test
	void shouldRejectFilesOverTheSizeLimit() throws Exception {
		write("small.txt", "x".repeat(100));
		write("big.txt", "x".repeat(101));

		Listing listing = this.source.list(this.root);

		assertThat(listing.files()).extracting(SourceFile::itemId).containsExactly("small.txt");
		assertThat(listing.rejected()).singleElement()
			.satisfies((item) -> assertThat(item.reason()).startsWith("too large ("));
	}

	@Test
	void shouldCheckAFileAgainWhenReadingIt() throws Exception {
		Path file = write("grows.txt", "small");
		SourceFile listed = this.source.list(this.root).files().getFirst();
		Files.writeString(file, "y".repeat(500));

		assertThatExceptionOfType(FileSystemSource.RejectedFileException.class)
			.isThrownBy(() -> this.source.read(listed))
			.withMessageStartingWith("too large");

		Files.delete(file);
		Files.writeString(this.outside.resolve("target.txt"), "outside");
		Files.createSymbolicLink(file, this.outside.resolve("target.txt"));
		assertThatExceptionOfType(FileSystemSource.RejectedFileException.class)
			.isThrownBy(() -> this.source.read(listed))
			.withMessage("symbolic link to a file outside the allowed roots");
	}

	@Test
	void shouldRefuseAFolderOutsideTheRoots() {
		assertThatExceptionOfType(AllowedRoots.PathNotAllowedException.class)
			.isThrownBy(() -> this.source.resolveFolder(this.outside.toString()));
		assertThatExceptionOfType(AllowedRoots.PathNotAllowedException.class)
			.isThrownBy(() -> this.source.resolveFolder(this.root + "/../../elsewhere"));
	}

	@Test
	void shouldTellWhichKnownItemsLieBelowAFolderThatCouldNotBeListed() {
		Listing listing = new Listing(List.of(), List.of(new RejectedItem("team", "cannot be read", true),
				new RejectedItem("x.txt", "too large", false)));

		assertThat(listing.isBelowUnlistedFolder("team/a.md")).isTrue();
		assertThat(listing.isBelowUnlistedFolder("teammate.md")).isFalse();
		assertThat(listing.isBelowUnlistedFolder("x.txt/y")).isFalse();
	}

	private Path write(String relative, String content) throws Exception {
		Path path = this.root.resolve(relative);
		Files.createDirectories(path.getParent());
		return Files.writeString(path, content);
	}

}
