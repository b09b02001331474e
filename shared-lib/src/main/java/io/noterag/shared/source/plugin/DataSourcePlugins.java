package io.noterag.shared.source.plugin;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The registry of plugins, by source type. */
public final class DataSourcePlugins {

	private final Map<String, DataSourcePlugin<?>> plugins = new TreeMap<>();

	/**
	 * A registry of the given plugins.
	 * @param plugins the plugins
	 * @throws IllegalStateException when two plugins claim one type
	 */
	public DataSourcePlugins(Collection<? extends DataSourcePlugin<?>> plugins) {
		for (DataSourcePlugin<?> plugin : plugins) {
			DataSourcePlugin<?> previous = this.plugins.putIfAbsent(plugin.sourceType(), plugin);
			if (previous != null) {
				throw new IllegalStateException("Two plugins for source type '" + plugin.sourceType() + "': "
						+ previous.getClass().getName() + " and " + plugin.getClass().getName());
			}
		}
	}

	/**
	 * The plugin of a type.
	 * @param sourceType the type
	 * @return the plugin, if one is registered
	 */
	public Optional<DataSourcePlugin<?>> find(String sourceType) {
		return Optional.ofNullable(this.plugins.get(sourceType));
	}

	/**
	 * The types that have a plugin.
	 * @return the types, sorted
	 */
	public Set<String> types() {
		return new TreeSet<>(this.plugins.keySet());
	}

}
