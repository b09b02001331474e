package io.noterag.indexing.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.noterag.shared.source.plugin.SourceContext;

/**
 * A source as the worker hands it to a plugin; credential updates are merged and
 * recorded, as document-service does.
 *
 * @param <C> the configuration type
 */
public final class TestSourceContext<C> implements SourceContext<C> {

	private final UUID sourceId;

	private final C config;

	private final Map<String, String> credentials;

	private final String cursor;

	private final List<Map<String, String>> updates;

	private TestSourceContext(UUID sourceId, C config, Map<String, String> credentials, String cursor,
			List<Map<String, String>> updates) {
		this.sourceId = sourceId;
		this.config = config;
		this.credentials = new ConcurrentHashMap<>(credentials);
		this.cursor = cursor;
		this.updates = updates;
	}

	public static <C> TestSourceContext<C> of(C config, Map<String, String> credentials) {
		return new TestSourceContext<>(UUID.randomUUID(), config, credentials, null, new ArrayList<>());
	}

	/** The same source, as the next sync sees it: stored credentials and a cursor. */
	public TestSourceContext<C> nextSync(String cursor) {
		return new TestSourceContext<>(this.sourceId, this.config, this.credentials, cursor, this.updates);
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
	public Map<String, String> credentials() {
		return Map.copyOf(this.credentials);
	}

	@Override
	public Optional<String> cursor() {
		return Optional.ofNullable(this.cursor);
	}

	@Override
	public void updateCredentials(Map<String, String> changed) {
		this.updates.add(Map.copyOf(changed));
		this.credentials.putAll(changed);
	}

	public List<Map<String, String>> credentialUpdates() {
		return List.copyOf(this.updates);
	}

}
