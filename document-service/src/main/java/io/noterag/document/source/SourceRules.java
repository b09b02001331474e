package io.noterag.document.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.config.OneNoteConfig;
import io.noterag.shared.source.config.SharePointConfig;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;

/**
 * What each source type accepts as configuration and credentials. Configurations are read
 * with the same records the plugins use; problems name the field ({@code config.site_id},
 * {@code credentials.token}).
 */
final class SourceRules {

	/** Credentials a OneNote source holds: written by the connection, never by hand. */
	static final String REFRESH_TOKEN = "refresh_token";

	private static final Set<String> SHAREPOINT_CREDENTIALS = Set.of("tenant_id", "client_id", "client_secret");

	private static final Set<String> DATABRICKS_CREDENTIALS = Set.of("token", "client_id", "client_secret");

	private static final int MAX_SECRET_LENGTH = 16 * 1024;

	private SourceRules() {
	}

	/**
	 * Checks the configuration of a source type other than {@code filesystem}.
	 * @param type the type
	 * @param config the configuration as given
	 * @throws InvalidSourceConfigException naming the wrong field
	 */
	static void checkConfig(String type, Map<String, Object> config) {
		switch (type) {
			case SourceTypes.ONENOTE -> OneNoteConfig.parse(config);
			case SourceTypes.SHAREPOINT -> SharePointConfig.parse(config);
			case SourceTypes.DATABRICKS -> DatabricksConfig.parse(config);
			default -> throw new IllegalArgumentException("No configuration rules for type " + type);
		}
	}

	/**
	 * Checks the names of the credentials a source would hold after a change.
	 * @param type the source's type
	 * @param config its (checked) configuration
	 * @param names the names of its credentials
	 * @throws InvalidSourceConfigException naming the missing or unexpected credential
	 */
	static void checkCredentialNames(String type, Map<String, Object> config, Set<String> names) {
		switch (type) {
			case SourceTypes.FILESYSTEM -> {
				if (!names.isEmpty()) {
					throw new InvalidSourceConfigException("credentials",
							"A filesystem source takes no credentials: the service reads the folder itself.");
				}
			}
			case SourceTypes.ONENOTE -> {
				for (String name : names) {
					if (!REFRESH_TOKEN.equals(name)) {
						throw unknown(name, type, Set.of());
					}
				}
			}
			case SourceTypes.SHAREPOINT -> {
				for (String name : names) {
					if (!SHAREPOINT_CREDENTIALS.contains(name)) {
						throw unknown(name, "sharepoint", SHAREPOINT_CREDENTIALS);
					}
				}
				if (!names.isEmpty() && !names.containsAll(SHAREPOINT_CREDENTIALS)) {
					String missing = new TreeSet<>(SHAREPOINT_CREDENTIALS).stream()
						.filter((name) -> !names.contains(name))
						.findFirst()
						.orElseThrow();
					throw new InvalidSourceConfigException("credentials." + missing,
							"'credentials." + missing + "' is missing: a SharePoint source takes tenant_id, "
									+ "client_id and client_secret together, or none of them to use the platform's "
									+ "app registration.");
				}
			}
			case SourceTypes.DATABRICKS -> {
				String auth = DatabricksConfig.parse(config).auth();
				Set<String> expected = DatabricksConfig.OAUTH_M2M.equals(auth) ? Set.of("client_id", "client_secret")
						: Set.of("token");
				for (String name : names) {
					if (!DATABRICKS_CREDENTIALS.contains(name)) {
						throw unknown(name, "databricks", DATABRICKS_CREDENTIALS);
					}
					if (!expected.contains(name)) {
						throw new InvalidSourceConfigException("credentials." + name,
								"'credentials." + name + "' is not used with auth '" + auth + "': remove it (null) "
										+ "or change 'config.auth'. Auth '" + auth + "' takes "
										+ String.join(" and ", new TreeSet<>(expected)) + ".");
					}
				}
				for (String name : new TreeSet<>(expected)) {
					if (!names.contains(name)) {
						throw new InvalidSourceConfigException("credentials." + name,
								"'credentials." + name + "' is required with auth '" + auth + "' ("
										+ (DatabricksConfig.PAT.equals(auth) ? "a personal access token"
												: "the service principal's OAuth client id and secret")
										+ ").");
					}
				}
			}
			default -> throw new IllegalArgumentException("No credential rules for type " + type);
		}
	}

	/**
	 * Checks that the names of credentials written by the worker belong to the type.
	 * @param type the source's type
	 * @param names the names written
	 * @throws InvalidSourceConfigException naming an unknown credential
	 */
	static void checkKnownNames(String type, Set<String> names) {
		Set<String> known = switch (type) {
			case SourceTypes.ONENOTE -> Set.of(REFRESH_TOKEN);
			case SourceTypes.SHAREPOINT -> SHAREPOINT_CREDENTIALS;
			case SourceTypes.DATABRICKS -> DATABRICKS_CREDENTIALS;
			default -> Set.of();
		};
		for (String name : names) {
			if (!known.contains(name)) {
				throw unknown(name, type, known);
			}
		}
	}

	/**
	 * Reads credentials as given in JSON.
	 * @param given names to values; {@code null} values only when removals are allowed
	 * @param removals whether {@code null} (remove) is allowed
	 * @return the values by name, {@code null} for removals, in the given order
	 * @throws InvalidSourceConfigException naming a value that is not a non-blank string
	 */
	static Map<String, String> readCredentials(Map<String, Object> given, boolean removals) {
		Map<String, String> values = new LinkedHashMap<>();
		if (given == null) {
			return values;
		}
		for (Map.Entry<String, Object> entry : given.entrySet()) {
			String field = "credentials." + entry.getKey();
			if (entry.getValue() == null) {
				if (!removals) {
					throw new InvalidSourceConfigException(field, "'" + field + "' must be a non-empty string.");
				}
				values.put(entry.getKey(), null);
			}
			else if (!(entry.getValue() instanceof String text) || text.isBlank()) {
				throw new InvalidSourceConfigException(field,
						"'" + field + "' must be a non-empty string" + (removals ? " (or null to remove it)." : "."));
			}
			else if (text.length() > MAX_SECRET_LENGTH) {
				throw new InvalidSourceConfigException(field,
						"'" + field + "' is longer than " + MAX_SECRET_LENGTH + " characters.");
			}
			else {
				values.put(entry.getKey(), text.strip());
			}
		}
		return values;
	}

	private static InvalidSourceConfigException unknown(String name, String type, Set<String> known) {
		String field = "credentials." + name;
		if (SourceTypes.ONENOTE.equals(type)) {
			return new InvalidSourceConfigException(field, "A OneNote source takes no credentials: connect a Microsoft "
					+ "account with POST /api/v2/admin/sources/{id}/connect instead.");
		}
		return new InvalidSourceConfigException(field, "Unknown credential '" + field + "'. A " + type
				+ " source takes: " + String.join(", ", List.copyOf(new TreeSet<>(known))) + ".");
	}

}
