package io.noterag.shared.source.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SharePoint source: the document libraries (drives) of one site, followed through
 * drive {@code delta}. Read with the platform's app registration (client credentials) or
 * with per-source credentials {@code tenant_id}, {@code client_id},
 * {@code client_secret}.
 *
 * @param siteId the site id ({@code contoso.sharepoint.com,<guid>,<guid>})
 * @param driveIds only these libraries; all the site's document libraries when empty
 * @param folderPath only below this folder ({@code /Shared Documents/Policies}), or
 * {@code null}
 * @param extensions only files with these extensions (lower case, no dot); the default
 * set of readable types when empty
 * @param maxFileBytes larger files are rejected
 */
public record SharePointConfig(String siteId, List<String> driveIds, String folderPath, List<String> extensions,
		long maxFileBytes) {

	private static final Set<String> NAMES = Set.of("site_id", "drive_ids", "folder_path", "extensions",
			"max_file_bytes");

	public static SharePointConfig parse(Map<String, Object> config) {
		ConfigValues values = ConfigValues.of(config, NAMES);
		return new SharePointConfig(values.requiredText("site_id"), values.texts("drive_ids"),
				values.text("folder_path", null),
				values.texts("extensions").stream().map((e) -> e.replaceFirst("^\\.", "").toLowerCase()).toList(),
				values.number("max_file_bytes", 50L * 1024 * 1024, 1, 1L << 32));
	}

}
