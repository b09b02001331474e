package io.noterag.indexing.job;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.SourceContext;

/**
 * A registered source as its plugin sees it; changed credentials are stored in
 * document-service at once and used by the rest of this run.
 *
 * @param <C> the plugin's configuration
 */
public final class PluginSource<C> implements SourceContext<C> {

	private final UUID sourceId;

	private final C config;

	private final Map<String, String> credentials;

	private final String cursor;

	private final DocumentServiceClient documentService;

	private PluginSource(UUID sourceId, C config, Map<String, String> credentials, String cursor,
			DocumentServiceClient documentService) {
		this.sourceId = sourceId;
		this.config = config;
		this.credentials = new HashMap<>((credentials != null) ? credentials : Map.of());
		this.cursor = cursor;
		this.documentService = documentService;
	}

	/**
	 * Configures a source for its plugin.
	 * @param plugin the plugin
	 * @param source the source
	 * @param withCursor whether to hand the plugin the stored cursor
	 * @param documentService where changed credentials go
	 * @return the context
	 * @throws io.noterag.shared.source.plugin.InvalidSourceConfigException when the
	 * configuration is wrong
	 */
	static <C> PluginSource<C> of(DataSourcePlugin<C> plugin, SourceDetails source, boolean withCursor,
			DocumentServiceClient documentService) {
		C config = plugin.configure(source.config());
		return new PluginSource<>(source.id(), config, source.credentials(), withCursor ? source.cursor() : null,
				documentService);
	}

	/**
	 * A source whose settings an administrator is testing, registered or not, with no
	 * cursor.
	 * @param plugin the plugin
	 * @param sourceId the registered source, or {@code null} before it is registered
	 * (then changed credentials are kept for this test only)
	 * @param config its configuration as given
	 * @param credentials its secrets
	 * @param documentService where changed credentials of a registered source go
	 * @return the context
	 * @throws io.noterag.shared.source.plugin.InvalidSourceConfigException when the
	 * configuration is wrong
	 */
	public static <C> PluginSource<C> forTest(DataSourcePlugin<C> plugin, UUID sourceId, Map<String, Object> config,
			Map<String, String> credentials, DocumentServiceClient documentService) {
		return new PluginSource<>(sourceId, plugin.configure((config != null) ? config : Map.of()), credentials, null,
				documentService);
	}

	@Override
	public UUID sourceId() {
		return this.sourceId;
	}

	@Override
	public C config() {
		return this.config;
	}

	@Override
	public synchronized Map<String, String> credentials() {
		return Map.copyOf(this.credentials);
	}

	@Override
	public Optional<String> cursor() {
		return Optional.ofNullable(this.cursor);
	}

	@Override
	public synchronized void updateCredentials(Map<String, String> changed) {
		if (this.sourceId != null) {
			this.documentService.updateCredentials(this.sourceId, changed);
		}
		this.credentials.putAll(changed);
	}

	@Override
	public String toString() {
		return "PluginSource[" + this.sourceId + "]";
	}

}
