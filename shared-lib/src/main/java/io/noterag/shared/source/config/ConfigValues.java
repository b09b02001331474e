package io.noterag.shared.source.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.noterag.shared.source.plugin.InvalidSourceConfigException;

/**
 * Reads a configuration map as given in JSON, with errors that name the field. Unknown
 * names are refused, so that a misspelt option is not silently ignored.
 */
public final class ConfigValues {

	private final Map<String, Object> values;

	private ConfigValues(Map<String, Object> values) {
		this.values = (values != null) ? values : Map.of();
	}

	/**
	 * Wraps a configuration, refusing names outside {@code allowed}.
	 * @param values the configuration
	 * @param allowed the names the type knows
	 * @return the reader
	 * @throws InvalidSourceConfigException naming the first unknown field
	 */
	public static ConfigValues of(Map<String, Object> values, Set<String> allowed) {
		if (values != null) {
			for (String name : values.keySet()) {
				if (!allowed.contains(name)) {
					throw new InvalidSourceConfigException("config." + name, "Unknown setting 'config." + name
							+ "'. Known settings: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
				}
			}
		}
		return new ConfigValues(values);
	}

	public String text(String name, String fallback) {
		Object value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof String text)) {
			throw invalid(name, "must be a string");
		}
		return text.isBlank() ? fallback : text.trim();
	}

	public String requiredText(String name) {
		String value = text(name, null);
		if (value == null) {
			throw invalid(name, "is required");
		}
		return value;
	}

	public String choice(String name, String fallback, Set<String> choices) {
		String value = text(name, fallback);
		if (value == null) {
			return null;
		}
		String lower = value.toLowerCase(Locale.ROOT);
		if (!choices.contains(lower)) {
			throw invalid(name, "must be one of " + String.join(", ", choices.stream().sorted().toList()));
		}
		return lower;
	}

	public boolean flag(String name, boolean fallback) {
		Object value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Boolean flag)) {
			throw invalid(name, "must be true or false");
		}
		return flag;
	}

	public long number(String name, long fallback, long min, long max) {
		Object value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
			throw invalid(name, "must be a whole number");
		}
		long result = number.longValue();
		if (result < min || result > max) {
			throw invalid(name, "must be between " + min + " and " + max);
		}
		return result;
	}

	public List<String> texts(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof Collection<?> items)) {
			throw invalid(name, "must be a list of strings");
		}
		List<String> result = new ArrayList<>();
		for (Object item : items) {
			if (!(item instanceof String text) || text.isBlank()) {
				throw invalid(name, "must be a list of non-empty strings");
			}
			result.add(text.trim());
		}
		return List.copyOf(result);
	}

	/**
	 * An absolute {@code https} (or {@code http}) URL without a trailing slash.
	 * @param name the field
	 * @param fallback the value when absent
	 * @return the URL
	 */
	public String url(String name, String fallback) {
		String value = text(name, fallback);
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw invalid(name, "must be an absolute http(s) URL");
			}
		}
		catch (URISyntaxException ex) {
			throw invalid(name, "must be an absolute http(s) URL");
		}
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	public static InvalidSourceConfigException invalid(String name, String problem) {
		return new InvalidSourceConfigException("config." + name, "'config." + name + "' " + problem + ".");
	}

}
