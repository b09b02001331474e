package io.noterag.shared.storage.filesystem;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.storage.ObjectStore;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemObjectStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileSystemObjectStoreAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void shouldUseTheLocalDirectoryWhenNothingIsConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ObjectStore.class);
			assertThat(context.getBean(FileSystemObjectStore.class).root())
				.isEqualTo(Path.of("./.data/objects").toAbsolutePath().normalize());
		});
	}

	@Test
	void shouldUseTheConfiguredRoot() {
		this.runner
			.withPropertyValues("noterag.object-store.type=filesystem",
					"noterag.object-store.filesystem.root=" + this.temp.resolve("store"))
			.run((context) -> {
				context.getBean(ObjectStore.class).put("k/v.txt", new byte[] { 1, 2 }, "text/plain");
				assertThat(this.temp.resolve("store/k/v.txt")).hasBinaryContent(new byte[] { 1, 2 });
			});
	}

	@Test
	void shouldFailAtStartUpWhenTheTypeNamesAnAdapterThatIsNotPresent() {
		this.runner.withPropertyValues("noterag.object-store.type=minio").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasMessageContaining("noterag.object-store.type=minio")
				.hasMessageContaining("names no object store adapter");
		});
	}

	@Test
	void shouldFailAtStartUpWhenTheTypeIsBlank() {
		this.runner.withPropertyValues("noterag.object-store.type= ").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldStepBackWhenTheApplicationDefinesItsOwnStore() {
		this.runner.withUserConfiguration(OwnStore.class).run((context) -> {
			assertThat(context).hasSingleBean(ObjectStore.class);
			assertThat(context).doesNotHaveBean(FileSystemObjectStore.class);
		});
	}

	@Test
	void shouldAcceptAnotherAdapterThatProvidesTheStore() {
		this.runner.withPropertyValues("noterag.object-store.type=minio")
			.withUserConfiguration(OwnStore.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FileSystemObjectStore.class));
	}

	static class NothingStore implements ObjectStore {

		@Override
		public void put(String key, byte[] data, String contentType) {
		}

		@Override
		public Optional<byte[]> get(String key) {
			return Optional.empty();
		}

		@Override
		public void delete(String key) {
		}

		@Override
		public boolean exists(String key) {
			return false;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStore {

		@Bean
		ObjectStore ownStore() {
			return new NothingStore();
		}

	}

}
