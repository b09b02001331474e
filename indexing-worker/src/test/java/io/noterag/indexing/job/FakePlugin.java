package io.noterag.indexing.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceItem;

/** A plugin whose listing and items the test decides. */
class FakePlugin implements DataSourcePlugin<Map<String, Object>> {

	final Set<PluginCapability> capabilities = EnumSet.noneOf(PluginCapability.class);

	ChangeSet changes = ChangeSet.full(List.of(), List.of());

	RuntimeException listingFailure;

	/** How long a listing takes. */
	java.time.Duration listingTime = java.time.Duration.ZERO;

	Function<ItemRef, SourceItem> items = (ref) -> null;

	final List<Instant> modifiedSince = new ArrayList<>();

	final List<String> cursors = new ArrayList<>();

	@Override
	public String sourceType() {
		return "fake";
	}

	@Override
	public Set<PluginCapability> capabilities() {
		return this.capabilities;
	}

	@Override
	public Map<String, Object> configure(Map<String, Object> config) {
		if (Boolean.TRUE.equals(config.get("broken"))) {
			throw new InvalidSourceConfigException("config.broken", "Broken on purpose.");
		}
		return config;
	}

	@Override
	public void authenticate(SourceContext<Map<String, Object>> source) {
	}

	@Override
	public ChangeSet fetchDocuments(SourceContext<Map<String, Object>> source, FetchFilters filters,
			Instant modifiedSince) {
		this.modifiedSince.add(modifiedSince);
		this.cursors.add(source.cursor().orElse(null));
		if (!this.listingTime.isZero()) {
			try {
				Thread.sleep(this.listingTime);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.listingFailure != null) {
			throw this.listingFailure;
		}
		return this.changes;
	}

	@Override
	public SourceItem getDocument(SourceContext<Map<String, Object>> source, ItemRef item) {
		return this.items.apply(item);
	}

	static ItemRef ref(String id) {
		return new ItemRef(id, id, Instant.parse("2026-01-01T10:00:00Z"), null, Map.of());
	}

}
