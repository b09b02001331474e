package io.noterag.indexing.plugin.sharepoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.indexing.plugin.microsoft.GraphAuthorization;
import io.noterag.indexing.plugin.microsoft.GraphClient;
import io.noterag.indexing.plugin.microsoft.GraphContent;
import io.noterag.indexing.plugin.microsoft.GraphPage;
import io.noterag.indexing.plugin.microsoft.GraphRequestException;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;
import io.noterag.indexing.plugin.microsoft.ResyncRequiredException;
import io.noterag.indexing.plugin.sharepoint.FolderScope.Drive;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.config.SharePointConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * SharePoint document libraries through Microsoft Graph, with client credentials.
 * <p>
 * Listing calls {@code /drives/{id}/root/delta} on each selected library of the site and
 * follows {@code @odata.nextLink} up to the {@code @odata.deltaLink}; the cursor is the
 * JSON {@code {"drives": {drive id: delta link}, "settings": fingerprint}}. Without a
 * usable cursor (first sync, libraries or settings changed, a delta link answered
 * {@code 410 Gone}) every library is enumerated again and the listing is complete. With
 * one, each delta link is called: files with the {@code deleted} facet, and changed files
 * that left the folder or the accepted extensions, are deletions; other changed files are
 * items (too large ones are rejected); folders are not items. Item ids are {@code {drive
 * id}:{item id}}; the hints hold both.
 * <p>
 * Reading a file downloads {@code /drives/{d}/items/{i}/content}, following the redirect
 * to the short-lived download URL without the token; its link is the file's
 * {@code webUrl}, its file name the file's name and its media type {@code file.mimeType}.
 */
public class SharePointDataSource implements DataSourcePlugin<SharePointConfig> {

	private static final Logger logger = LoggerFactory.getLogger(SharePointDataSource.class);

	/** The types read when a source names none. */
	public static final Set<String> DEFAULT_EXTENSIONS = Set.of("pdf", "docx", "doc", "pptx", "ppt", "xlsx", "xls",
			"odt", "odp", "ods", "rtf", "txt", "md", "markdown", "html", "htm", "csv", "json", "xml", "eml", "msg",
			"epub");

	static final String HINT_DRIVE_ID = "drive_id";

	static final String HINT_ITEM_ID = "item_id";

	private static final String ITEM_FIELDS = "id,name,size,file,folder,root,deleted,webUrl,createdDateTime,"
			+ "lastModifiedDateTime,parentReference,eTag,cTag";

	private static final TypeReference<Map<String, Object>> CURSOR = new TypeReference<>() {
	};

	private final GraphClient graph;

	private final MicrosoftTokens tokens;

	private final JsonMapper json = JsonMapper.shared();

	public SharePointDataSource(GraphClient graph, MicrosoftTokens tokens) {
		this.graph = graph;
		this.tokens = tokens;
	}

	@Override
	public String sourceType() {
		return SourceTypes.SHAREPOINT;
	}

	@Override
	public Set<PluginCapability> capabilities() {
		return EnumSet.of(PluginCapability.INCREMENTAL_SYNC, PluginCapability.DELETIONS, PluginCapability.SEARCH);
	}

	@Override
	public SharePointConfig configure(Map<String, Object> config) {
		return SharePointConfig.parse(config);
	}

	@Override
	public void authenticate(SourceContext<SharePointConfig> source) {
		GraphAuthorization auth = this.tokens.application(source);
		if (this.graph.get(auth, site(source.config()) + "?$select=id,displayName,webUrl") == null) {
			throw siteNotFound(source.config());
		}
		drives(auth, source.config());
	}

	@Override
	public ChangeSet fetchDocuments(SourceContext<SharePointConfig> source, FetchFilters filters,
			Instant modifiedSince) {
		SharePointConfig config = source.config();
		GraphAuthorization auth = this.tokens.application(source);
		List<Drive> drives = drives(auth, config);
		Map<String, String> deltaLinks = readCursor(source.cursor().orElse(null), settings(config));
		boolean resumable = !deltaLinks.isEmpty()
				&& drives.stream().map(Drive::id).toList().containsAll(deltaLinks.keySet());
		if (resumable) {
			try {
				return listChanges(auth, config, drives, deltaLinks);
			}
			catch (ResyncRequiredException ex) {
				logger.info("SharePoint source {} must be listed again: {}", source.sourceId(), ex.getMessage());
			}
		}
		return listEverything(auth, config, drives);
	}

	@Override
	public SourceItem getDocument(SourceContext<SharePointConfig> source, ItemRef item) {
		SharePointConfig config = source.config();
		GraphAuthorization auth = this.tokens.application(source);
		String driveId = item.hints().get(HINT_DRIVE_ID);
		String itemId = item.hints().get(HINT_ITEM_ID);
		if (driveId == null || itemId == null) {
			int colon = item.itemId().indexOf(':');
			if (colon <= 0) {
				throw new ItemException("The SharePoint item id '" + item.itemId() + "' names no library.");
			}
			driveId = item.itemId().substring(0, colon);
			itemId = item.itemId().substring(colon + 1);
		}
		String path = "/drives/" + GraphClient.segment(driveId) + "/items/" + GraphClient.segment(itemId);
		try {
			JsonNode file = this.graph.get(auth, path + "?$select=" + ITEM_FIELDS);
			if (file == null || file.has("deleted") || !file.has("file")) {
				return null;
			}
			long size = file.path("size").asLong(0);
			if (size > config.maxFileBytes()) {
				throw new ItemException("The file is " + size + " bytes, more than the " + config.maxFileBytes()
						+ " bytes this source accepts.");
			}
			GraphContent content = this.graph.download(auth, path + "/content", config.maxFileBytes());
			if (content == null) {
				return null;
			}
			String name = text(file, "name");
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("site_id", config.siteId());
			metadata.put("drive_id", driveId);
			String folder = folderOf(file);
			if (folder != null) {
				metadata.put("folder", folder);
			}
			String mediaType = text(file.path("file"), "mimeType");
			return new SourceItem(item.itemId(), name, text(file, "webUrl"), name,
					(mediaType != null) ? mediaType : content.contentType(), content.bytes(),
					instant(text(file, "createdDateTime")), instant(text(file, "lastModifiedDateTime")), metadata,
					List.of());
		}
		catch (GraphRequestException ex) {
			throw new ItemException("The SharePoint file cannot be read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<ItemRef> search(SourceContext<SharePointConfig> source, String query, int limit) {
		SharePointConfig config = source.config();
		GraphAuthorization auth = this.tokens.application(source);
		List<ItemRef> found = new ArrayList<>();
		if (query == null || query.isBlank() || limit <= 0) {
			return found;
		}
		String q = GraphClient.segment(query.trim().replace("'", "''"));
		for (Drive drive : drives(auth, config)) {
			FolderScope scope = FolderScope.of(this.graph, auth, drive, config.folderPath());
			if (!scope.isUsable()) {
				continue;
			}
			GraphPage page = this.graph.page(auth, "/drives/" + GraphClient.segment(drive.id()) + "/root/search(q='" + q
					+ "')?$top=" + Math.min(limit, 200) + "&$select=" + ITEM_FIELDS);
			for (JsonNode entry : (page != null) ? page.values() : List.<JsonNode>of()) {
				if (found.size() >= limit) {
					return found;
				}
				if (entry.has("file") && !entry.has("deleted") && accepts(config, text(entry, "name"))
						&& scope.contains(entry)) {
					found.add(itemRef(drive, entry));
				}
			}
		}
		return found;
	}

	private ChangeSet listEverything(GraphAuthorization auth, SharePointConfig config, List<Drive> drives) {
		Map<String, ItemRef> items = new LinkedHashMap<>();
		Map<String, RejectedItem> rejected = new LinkedHashMap<>();
		Map<String, String> deltaLinks = new TreeMap<>();
		for (Drive drive : drives) {
			FolderScope scope = FolderScope.of(this.graph, auth, drive, config.folderPath());
			Delta delta = delta(auth, drive, start(drive), scope);
			deltaLinks.put(drive.id(), delta.deltaLink());
			if (!scope.isUsable()) {
				continue;
			}
			for (JsonNode entry : delta.entries().values()) {
				if (!entry.has("deleted") && entry.has("file") && scope.contains(entry)) {
					accept(config, drive, entry, items, rejected, null);
				}
			}
		}
		return new ChangeSet(List.copyOf(items.values()), List.of(), List.copyOf(rejected.values()), true,
				writeCursor(deltaLinks, settings(config)));
	}

	private ChangeSet listChanges(GraphAuthorization auth, SharePointConfig config, List<Drive> drives,
			Map<String, String> previous) {
		Map<String, ItemRef> items = new LinkedHashMap<>();
		Map<String, RejectedItem> rejected = new LinkedHashMap<>();
		Set<String> deleted = new LinkedHashSet<>();
		Map<String, String> deltaLinks = new TreeMap<>();
		for (Drive drive : drives) {
			FolderScope scope = FolderScope.of(this.graph, auth, drive, config.folderPath());
			String link = previous.get(drive.id());
			Delta delta = delta(auth, drive, (link != null) ? link : start(drive), scope);
			deltaLinks.put(drive.id(), delta.deltaLink());
			for (JsonNode entry : delta.entries().values()) {
				String id = drive.id() + ":" + text(entry, "id");
				if (entry.has("deleted")) {
					deleted.add(id);
				}
				else if (entry.has("file")) {
					if (scope.isUsable() && scope.contains(entry)) {
						accept(config, drive, entry, items, rejected, deleted);
					}
					else {
						deleted.add(id);
					}
				}
			}
		}
		return new ChangeSet(List.copyOf(items.values()), List.copyOf(deleted), List.copyOf(rejected.values()), false,
				writeCursor(deltaLinks, settings(config)));
	}

	private void accept(SharePointConfig config, Drive drive, JsonNode entry, Map<String, ItemRef> items,
			Map<String, RejectedItem> rejected, Set<String> deleted) {
		ItemRef ref = itemRef(drive, entry);
		if (!accepts(config, text(entry, "name"))) {
			if (deleted != null) {
				deleted.add(ref.itemId());
			}
			return;
		}
		long size = entry.path("size").asLong(0);
		if (size > config.maxFileBytes()) {
			rejected.put(ref.itemId(), new RejectedItem(ref.itemId(), "'" + text(entry, "name") + "' is " + size
					+ " bytes, more than the " + config.maxFileBytes() + " bytes this source accepts."));
			return;
		}
		items.put(ref.itemId(), ref);
	}

	private Delta delta(GraphAuthorization auth, Drive drive, String start, FolderScope scope) {
		Map<String, JsonNode> entries = new LinkedHashMap<>();
		Set<String> seen = new LinkedHashSet<>();
		String next = start;
		while (next != null) {
			if (!seen.add(next)) {
				throw new SourceUnavailableException(
						"The delta listing of library '" + drive.name() + "' repeats itself; try again.");
			}
			GraphPage page = this.graph.page(auth, next);
			if (page == null) {
				throw new ResyncRequiredException(
						"The library '" + drive.name() + "' no longer answers its delta link.");
			}
			for (JsonNode entry : page.values()) {
				String id = text(entry, "id");
				if (id == null) {
					continue;
				}
				if (entry.has("folder") || entry.has("root")) {
					scope.learn(entry);
				}
				// the same item can appear several times; its last state counts
				entries.remove(id);
				entries.put(id, entry);
			}
			if (page.nextLink() == null && page.deltaLink() == null) {
				throw new SourceUnavailableException(
						"The delta listing of library '" + drive.name() + "' ended without a delta link; try again.");
			}
			if (page.nextLink() == null) {
				return new Delta(entries, page.deltaLink());
			}
			next = page.nextLink();
		}
		throw new IllegalStateException("unreachable");
	}

	private List<Drive> drives(GraphAuthorization auth, SharePointConfig config) {
		List<JsonNode> listed = this.graph.list(auth, site(config) + "/drives?$select=id,name,driveType,webUrl");
		if (listed == null) {
			throw siteNotFound(config);
		}
		Set<String> wanted = Set.copyOf(config.driveIds());
		List<Drive> drives = new ArrayList<>();
		for (JsonNode drive : listed) {
			String id = text(drive, "id");
			String type = text(drive, "driveType");
			if (id == null || (type != null && !"documentLibrary".equals(type))
					|| (!wanted.isEmpty() && !wanted.contains(id))) {
				continue;
			}
			drives.add(new Drive(id, orElse(text(drive, "name"), id), text(drive, "webUrl")));
		}
		if (!wanted.isEmpty() && drives.size() < wanted.size()) {
			Set<String> missing = new LinkedHashSet<>(wanted);
			drives.forEach((drive) -> missing.remove(drive.id()));
			throw new SourceException("The site '" + config.siteId() + "' has no document library with the id(s) "
					+ String.join(", ", missing) + ": check 'config.drive_ids'.");
		}
		return drives;
	}

	private static ItemRef itemRef(Drive drive, JsonNode entry) {
		String itemId = text(entry, "id");
		String version = orElse(text(entry, "cTag"), text(entry, "eTag"));
		String modified = text(entry, "lastModifiedDateTime");
		return new ItemRef(drive.id() + ":" + itemId, text(entry, "name"), instant(modified), version,
				Map.of(HINT_DRIVE_ID, drive.id(), HINT_ITEM_ID, itemId));
	}

	private static boolean accepts(SharePointConfig config, String name) {
		if (name == null) {
			return false;
		}
		int dot = name.lastIndexOf('.');
		if (dot < 0 || dot == name.length() - 1) {
			return false;
		}
		String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
		return config.extensions().isEmpty() ? DEFAULT_EXTENSIONS.contains(extension)
				: config.extensions().contains(extension);
	}

	private Map<String, String> readCursor(String cursor, String settings) {
		if (cursor == null || cursor.isBlank()) {
			return Map.of();
		}
		try {
			Map<String, Object> value = this.json.readValue(cursor, CURSOR);
			if (!settings.equals(value.get("settings")) || !(value.get("drives") instanceof Map<?, ?> drives)) {
				return Map.of();
			}
			Map<String, String> links = new LinkedHashMap<>();
			drives.forEach((drive, link) -> {
				if (drive instanceof String id && link instanceof String url && this.graph.isGraphUrl(url)) {
					links.put(id, url);
				}
			});
			return (links.size() == drives.size()) ? links : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private String writeCursor(Map<String, String> deltaLinks, String settings) {
		Map<String, Object> cursor = new LinkedHashMap<>();
		cursor.put("drives", deltaLinks);
		cursor.put("settings", settings);
		return this.json.writeValueAsString(cursor);
	}

	/**
	 * A fingerprint of the settings that decide which files are listed: when they change,
	 * the delta links cannot say what entered or left, so everything is listed again.
	 */
	private static String settings(SharePointConfig config) {
		String text = config.siteId() + "\n" + config.driveIds().stream().sorted().toList() + "\n" + config.folderPath()
				+ "\n" + config.extensions().stream().sorted().toList() + "\n" + config.maxFileBytes();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String start(Drive drive) {
		return "/drives/" + GraphClient.segment(drive.id()) + "/root/delta";
	}

	private static String site(SharePointConfig config) {
		return "/sites/" + GraphClient.segment(config.siteId());
	}

	private static SourceException siteNotFound(SharePointConfig config) {
		return new SourceException(
				"The SharePoint site '" + config.siteId() + "' was not found: check 'config.site_id'.");
	}

	private static String folderOf(JsonNode file) {
		String path = text(file.path("parentReference"), "path");
		if (path == null) {
			return null;
		}
		int root = path.indexOf("root:");
		String folder = (root >= 0) ? path.substring(root + 5) : path;
		if (folder.isEmpty()) {
			return "/";
		}
		try {
			return URLDecoder.decode(folder.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return folder;
		}
	}

	private static Instant instant(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue().trim() : null;
	}

	private static String orElse(String value, String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private record Delta(Map<String, JsonNode> entries, String deltaLink) {

	}

}
