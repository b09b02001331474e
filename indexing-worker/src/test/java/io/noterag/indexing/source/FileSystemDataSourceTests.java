package io.noterag.indexing.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemDataSourceTests {

	@TempDir
	Path temp;

	private Path root;

	private Path folder;

	private FileSystemDataSource plugin;

	@BeforeEach
	void createFolders() throws Exception {
		this.root = Files.createDirectories(this.temp.resolve("roots")).toRealPath();
		this.folder = Files.createDirectories(this.root.resolve("notes"));
		this.plugin = new FileSystemDataSource(
				new FileSystemSource(new AllowedRoots(List.of(this.root)), 100, Set.of("md", ".TXT")));
	}

	@Test
	void shouldListEveryFileCompletelyWithNothingSecretInTheHints() throws Exception {
		write("a.md", "alpha");
		write("team/b.txt", "beta");

		ChangeSet changes = this.plugin.fetchDocuments(context(), FetchFilters.NONE, null);

		assertThat(changes.complete()).isTrue();
		assertThat(changes.items()).extracting(ItemRef::itemId).containsExactly("a.md", "team/b.txt");
		assertThat(changes.items()).allSatisfy((item) -> {
			assertThat(item.hints()).isEmpty();
			assertThat(item.modifiedAt()).isNotNull();
		});
	}

	@Test
	void shouldRejectFilesOfATypeThatIsNotAllowedWithAClearReason() throws Exception {
		write("a.md", "alpha");
		write("tool.exe", "MZ");
		write("README", "no extension");

		ChangeSet changes = this.plugin.fetchDocuments(context(), FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::itemId).containsExactly("a.md");
		assertThat(changes.rejected()).extracting(RejectedItem::itemId, RejectedItem::reason)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("README",
							"files without an extension are not indexed (allowed: md, txt)"),
					org.assertj.core.groups.Tuple.tuple("tool.exe",
							"files of type .exe are not indexed (allowed: md, txt)"));
	}

	@Test
	void shouldReadAListedFileWithItsMetadata() throws Exception {
		write("team/b.txt", "beta");

		SourceItem item = this.plugin.getDocument(context(), ref("team/b.txt"));

		assertThat(new String(item.content(), StandardCharsets.UTF_8)).isEqualTo("beta");
		assertThat(item.fileName()).isEqualTo("b.txt");
		assertThat(item.url()).isEqualTo(this.folder.resolve("team/b.txt").toUri().toString());
		assertThat(item.metadata()).containsEntry("relative_path", "team/b.txt").containsEntry("size_bytes", 4L);
	}

	@Test
	void shouldAnswerNullForAFileThatIsGone() {
		assertThat(this.plugin.getDocument(context(), ref("gone.md"))).isNull();
	}

	@Test
	void shouldRefuseAnItemIdThatEscapesTheFolder() throws Exception {
		Files.writeString(this.root.resolve("other.md"), "not this source's");

		assertThatThrownBy(() -> this.plugin.getDocument(context(), ref("../other.md")))
			.isInstanceOf(ItemException.class)
			.hasMessageContaining("outside the source folder");
		assertThatThrownBy(() -> this.plugin.getDocument(context(), ref("/etc/passwd.md")))
			.isInstanceOf(ItemException.class);
	}

	@Test
	void shouldRefuseToReadAFileThatBecameALinkOutsideTheRoots() throws Exception {
		Path outside = Files.createDirectories(this.temp.resolve("elsewhere"));
		Files.writeString(outside.resolve("secret.md"), "vault code");
		Files.createSymbolicLink(this.folder.resolve("link.md"), outside.resolve("secret.md"));

		assertThatThrownBy(() -> this.plugin.getDocument(context(), ref("link.md"))).isInstanceOf(ItemException.class)
			.hasMessage("symbolic link to a file outside the allowed roots");
	}

	@Test
	void shouldRefuseToReadAFileThatGrewOverTheLimit() throws Exception {
		write("big.md", "x".repeat(101));

		assertThatThrownBy(() -> this.plugin.getDocument(context(), ref("big.md"))).isInstanceOf(ItemException.class)
			.hasMessageStartingWith("too large");
	}

	@Test
	void shouldNameThePathWhenTheFolderIsOutsideTheRoots() {
		assertThatThrownBy(() -> this.plugin.configure(Map.of("path", this.temp.toString())))
			.isInstanceOfSatisfying(InvalidSourceConfigException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("config.path"))
			.hasMessageContaining("outside the allowed roots");
		assertThatThrownBy(() -> this.plugin.configure(Map.of("path", this.folder + "/../../")))
			.isInstanceOf(InvalidSourceConfigException.class);
		assertThatThrownBy(() -> this.plugin.configure(Map.of())).isInstanceOf(InvalidSourceConfigException.class);
	}

	@Test
	void shouldReadPrivacyAndPrincipalsFromTheConfiguration() {
		FileSystemConfig config = this.plugin
			.configure(Map.of("path", this.folder.toString(), "private", true, "principals", List.of("group:ops")));

		assertThat(config.folder()).isEqualTo(this.folder);
		assertThat(config.privateSource()).isTrue();
		assertThat(config.principals()).containsExactly("group:ops");
	}

	private SourceContext<FileSystemConfig> context() {
		FileSystemConfig config = this.plugin.configure(Map.of("path", this.folder.toString()));
		return new SourceContext<>() {

			@Override
			public UUID sourceId() {
				return UUID.randomUUID();
			}

			@Override
			public FileSystemConfig config() {
				return config;
			}

			@Override
			public Map<String, String> credentials() {
				return Map.of();
			}

			@Override
			public Optional<String> cursor() {
				return Optional.empty();
			}

			@Override
			public void updateCredentials(Map<String, String> changed) {
			}

		};
	}

	private static ItemRef ref(String itemId) {
		return new ItemRef(itemId, null, null, null, null);
	}

	private void write(String relative, String content) throws Exception {
		Path path = this.folder.resolve(relative);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

}
