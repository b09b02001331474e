package io.noterag.shared.storage.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.noterag.shared.storage.ObjectStore;
import io.noterag.shared.storage.ObjectStoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileSystemObjectStoreTests extends ObjectStoreContractTests {

	@TempDir
	Path temp;

	private Path root;

	@Override
	protected ObjectStore createObjectStore() {
		this.root = this.temp.resolve("objects");
		return new FileSystemObjectStore(this.root);
	}

	@Test
	void shouldKeepEachObjectAsAFileAtItsKeyUnderTheRoot() throws IOException {
		store().put("images/42/original.png", "png bytes".getBytes(StandardCharsets.UTF_8), "image/png");

		assertThat(this.root.resolve("images/42/original.png")).isRegularFile().hasContent("png bytes");
	}

	@Test
	void shouldLeaveNoTemporaryFilesBehind() throws IOException {
		for (int i = 0; i < 5; i++) {
			store().put("images/7/original.png", new byte[1000 * i], "image/png");
		}

		try (Stream<Path> files = Files.walk(this.root)) {
			assertThat(files.filter(Files::isRegularFile)).containsExactly(this.root.resolve("images/7/original.png"));
		}
	}

	@Test
	void shouldCreateTheRootOnlyOnTheFirstWrite() {
		assertThat(this.root).doesNotExist();

		store().put("a.bin", new byte[] { 1 }, "application/octet-stream");

		assertThat(this.root).isDirectory();
	}

	@Test
	void shouldRemoveDirectoriesLeftEmptyByADelete() {
		store().put("images/9/original.png", new byte[] { 1 }, "image/png");
		store().put("images/9/thumbnail.png", new byte[] { 2 }, "image/png");

		store().delete("images/9/original.png");
		assertThat(this.root.resolve("images/9")).isDirectory();
		store().delete("images/9/thumbnail.png");

		assertThat(this.root.resolve("images")).doesNotExist();
		assertThat(this.root).isDirectory();
	}

	@Test
	void shouldNotReachOutsideTheRootThroughADirectoryKey() throws IOException {
		Files.createDirectories(this.root.resolve("folder"));

		store().delete("folder");

		assertThat(this.root.resolve("folder")).isDirectory();
		assertThat(store().get("folder")).isEmpty();
	}

	@Test
	void shouldRefuseARootThatIsAFile() throws IOException {
		Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");

		assertThatIllegalArgumentException().isThrownBy(() -> new FileSystemObjectStore(file))
			.withMessageContaining("not a directory");
	}

}
