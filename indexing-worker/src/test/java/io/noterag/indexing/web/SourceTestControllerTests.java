package io.noterag.indexing.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.noterag.indexing.source.FileSystemDataSource;
import io.noterag.indexing.source.FileSystemSource;
import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTestControllerTests {

	@TempDir
	Path temp;

	@Test
	void shouldAnswerOkForAFolderInsideTheRootsAndNameTheFieldOfOneOutside() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("roots")).toRealPath();
		Path notes = Files.createDirectories(root.resolve("notes"));
		SourceTestController controller = controller(
				new FileSystemDataSource(new FileSystemSource(new AllowedRoots(List.of(root)), 1000, Set.of())));

		SourceTestController.TestResult ok = controller
			.test(new SourceTestController.TestRequest(null, "filesystem", Map.of("path", notes.toString()), null));
		SourceTestController.TestResult outside = controller
			.test(new SourceTestController.TestRequest(null, "filesystem", Map.of("path", this.temp.toString()), null));

		assertThat(ok).isEqualTo(new SourceTestController.TestResult(true, null, null));
		assertThat(outside.ok()).isFalse();
		assertThat(outside.error()).startsWith("config.path: ").contains("outside the allowed roots");
		assertThat(outside.reconnectRequired()).isFalse();
	}

	@Test
	void shouldTellARevokedConsentFromRefusedCredentialsAndAnUnreachableSource() {
		Scripted plugin = new Scripted();
		SourceTestController controller = controller(plugin);

		plugin.failure = new ReconnectRequiredException("The refresh token was revoked.");
		SourceTestController.TestResult reconnect = controller.test(request());
		plugin.failure = new SourceAuthenticationException("401 InvalidAuthenticationToken");
		SourceTestController.TestResult refused = controller.test(request());
		plugin.failure = new SourceUnavailableException("Connection refused");
		SourceTestController.TestResult unreachable = controller.test(request());

		assertThat(reconnect)
			.isEqualTo(new SourceTestController.TestResult(false, "The refresh token was revoked.", true));
		assertThat(refused.error()).contains("credentials were refused").contains("401");
		assertThat(refused.reconnectRequired()).isFalse();
		assertThat(unreachable.error()).contains("cannot be reached");
		assertThat(plugin.credentials).containsEntry("token", "dapi-secret");
	}

	@Test
	void shouldAnswerNotOkForATypeWithoutPlugin() {
		SourceTestController.TestResult result = controller(new Scripted())
			.test(new SourceTestController.TestRequest(null, "gopher", Map.of(), null));

		assertThat(result.ok()).isFalse();
		assertThat(result.error()).contains("'gopher'");
	}

	private static SourceTestController.TestRequest request() {
		return new SourceTestController.TestRequest(UUID.randomUUID(), "scripted", Map.of(),
				Map.of("token", "dapi-secret"));
	}

	private static SourceTestController controller(DataSourcePlugin<?> plugin) {
		return new SourceTestController(new DataSourcePlugins(List.of(plugin)), null);
	}

	private static final class Scripted implements DataSourcePlugin<Map<String, Object>> {

		RuntimeException failure;

		Map<String, String> credentials;

		@Override
		public String sourceType() {
			return "scripted";
		}

		@Override
		public Set<PluginCapability> capabilities() {
			return Set.of();
		}

		@Override
		public Map<String, Object> configure(Map<String, Object> config) {
			return config;
		}

		@Override
		public void authenticate(SourceContext<Map<String, Object>> source) {
			this.credentials = source.credentials();
			if (this.failure != null) {
				throw this.failure;
			}
		}

		@Override
		public ChangeSet fetchDocuments(SourceContext<Map<String, Object>> source, FetchFilters filters,
				java.time.Instant modifiedSince) {
			return ChangeSet.full(List.of(), List.of());
		}

		@Override
		public SourceItem getDocument(SourceContext<Map<String, Object>> source, ItemRef item) {
			return null;
		}

	}

}
