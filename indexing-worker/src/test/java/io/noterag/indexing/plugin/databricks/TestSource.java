package io.noterag.indexing.plugin.databricks;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.plugin.SourceContext;

/** A registered Databricks source as the worker hands it to the plugin. */
final class TestSource implements SourceContext<DatabricksConfig> {

	private final UUID id = UUID.randomUUID();

	private final DatabricksConfig config;

	private final Map<String, String> credentials;

	private final String cursor;

	TestSource(Map<String, Object> config, Map<String, String> credentials, String cursor) {
		this.config = DatabricksConfig.parse(config);
		this.credentials = new HashMap<>(credentials);
		this.cursor = cursor;
	}

	TestSource withCursor(String cursor) {
		return new TestSource(this.config, this.credentials, cursor);
	}

	private TestSource(DatabricksConfig config, Map<String, String> credentials, String cursor) {
		this.config = config;
		this.credentials = credentials;
		this.cursor = cursor;
	}

	@Override
	public UUID sourceId() {
		return this.id;
	}

	@Override
	public DatabricksConfig config() {
		return this.config;
	}

	@Override
	public Map<String, String> credentials() {
		return Map.copyOf(this.credentials);
	}

	@Override
	public Optional<String> cursor() {
		return Optional.ofNullable(this.cursor);
	}

	@Override
	public void updateCredentials(Map<String, String> changed) {
		this.credentials.putAll(changed);
	}

}
