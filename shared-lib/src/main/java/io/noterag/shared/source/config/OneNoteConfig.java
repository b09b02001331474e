package io.noterag.shared.source.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A OneNote source: the notebooks of the user who connected the source, or of a
 * SharePoint site. Read with delegated tokens ({@code Notes.Read offline_access}); the
 * refresh token is a credential.
 *
 * @param scope {@code me} (the connected user's notebooks) or {@code site}
 * @param siteId the SharePoint site id when the scope is {@code site}
 * @param notebookIds only these notebooks; all when empty
 * @param includeImages whether page images are fetched and handed to multimodal-service
 */
public record OneNoteConfig(String scope, String siteId, List<String> notebookIds, boolean includeImages) {

	public static final String ME = "me";

	public static final String SITE = "site";

	private static final Set<String> NAMES = Set.of("scope", "site_id", "notebook_ids", "include_images");

	public static OneNoteConfig parse(Map<String, Object> config) {
		ConfigValues values = ConfigValues.of(config, NAMES);
		String scope = values.choice("scope", ME, Set.of(ME, SITE));
		String siteId = values.text("site_id", null);
		if (SITE.equals(scope) && siteId == null) {
			throw ConfigValues.invalid("site_id", "is required when 'config.scope' is 'site'");
		}
		return new OneNoteConfig(scope, siteId, values.texts("notebook_ids"), values.flag("include_images", true));
	}

}
