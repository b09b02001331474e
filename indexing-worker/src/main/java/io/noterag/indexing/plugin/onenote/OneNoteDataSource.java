package io.noterag.indexing.plugin.onenote;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.noterag.indexing.plugin.microsoft.GraphAuthorization;
import io.noterag.indexing.plugin.microsoft.GraphClient;
import io.noterag.indexing.plugin.microsoft.GraphContent;
import io.noterag.indexing.plugin.microsoft.GraphRequestException;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;
import io.noterag.indexing.plugin.onenote.internal.PageCursor;
import io.noterag.indexing.plugin.onenote.internal.PageHtml;
import io.noterag.indexing.plugin.onenote.internal.PageHtml.PageImage;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.config.OneNoteConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemImage;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;

/**
 * OneNote through Microsoft Graph, with the delegated token of the user who connected the
 * source.
 * <p>
 * Listing walks notebooks (only {@code notebook_ids} when given), nested section groups
 * and sections, and lists every section's pages with their id, title, dates, links and
 * content URL, never their content. Deletions are found by comparing the page ids with
 * those of the previous sync, which the cursor holds:
 * <ul>
 * <li>without a cursor or without {@code modifiedSince}: every page is returned and the
 * listing is complete (known pages missing from it were deleted);</li>
 * <li>with both: only pages modified after {@code modifiedSince} or not in the cursor are
 * returned, and pages in the cursor but no longer listed are reported deleted; the
 * listing is not complete.</li>
 * </ul>
 * A {@code notebook_ids} filter narrows one sync: the listing is then not complete and
 * the other notebooks' page ids are carried over in the cursor unchanged.
 * <p>
 * Reading a page takes its HTML ({@code /pages/{id}/content}) and, when
 * {@code include_images} is on, its images ({@code /resources/{id}/$value}, Graph host
 * only); an image that is missing, too large or refused is skipped and recorded in the
 * page's metadata ({@code skipped_images}). The HTML is returned without scripts, images
 * replaced by their alt text, as {@code text/html}, with the page's {@code oneNoteWebUrl}
 * as its link.
 */
public class OneNoteDataSource implements DataSourcePlugin<OneNoteConfig> {

	private static final Logger logger = LoggerFactory.getLogger(OneNoteDataSource.class);

	static final String HINT_CONTENT_URL = "content_url";

	static final String HINT_WEB_URL = "web_url";

	static final String HINT_NOTEBOOK_ID = "notebook_id";

	static final String HINT_NOTEBOOK = "notebook";

	static final String HINT_SECTION_GROUP = "section_group";

	static final String HINT_SECTION = "section";

	static final String HINT_CREATED = "created";

	private static final String PAGE_FIELDS = "id,title,createdDateTime,lastModifiedDateTime,links,contentUrl";

	private static final int MAX_GROUP_DEPTH = 32;

	private final GraphClient graph;

	private final MicrosoftTokens tokens;

	private final OneNoteProperties properties;

	public OneNoteDataSource(GraphClient graph, MicrosoftTokens tokens, OneNoteProperties properties) {
		this.graph = graph;
		this.tokens = tokens;
		this.properties = properties;
	}

	@Override
	public String sourceType() {
		return SourceTypes.ONENOTE;
	}

	@Override
	public Set<PluginCapability> capabilities() {
		return EnumSet.of(PluginCapability.INCREMENTAL_SYNC, PluginCapability.DELETIONS, PluginCapability.IMAGES);
	}

	@Override
	public OneNoteConfig configure(Map<String, Object> config) {
		return OneNoteConfig.parse(config);
	}

	@Override
	public void authenticate(SourceContext<OneNoteConfig> source) {
		GraphAuthorization auth = this.tokens.delegated(source);
		if (this.graph.get(auth, root(source.config()) + "/notebooks?$top=1&$select=id") == null) {
			throw notFound(source.config());
		}
	}

	@Override
	public ChangeSet fetchDocuments(SourceContext<OneNoteConfig> source, FetchFilters filters, Instant modifiedSince) {
		OneNoteConfig config = source.config();
		GraphAuthorization auth = this.tokens.delegated(source);
		String root = root(config);
		List<JsonNode> notebooks = this.graph.list(auth, root + "/notebooks?$select=id,displayName");
		if (notebooks == null) {
			throw notFound(config);
		}
		Set<String> configured = Set.copyOf(config.notebookIds());
		Set<String> narrowedTo = requestedNotebooks(filters);
		Map<String, List<String>> listedIds = new LinkedHashMap<>();
		Set<String> narrowedOut = new HashSet<>();
		List<ListedPage> pages = new ArrayList<>();
		for (JsonNode notebook : notebooks) {
			String id = text(notebook, "id");
			if (id == null || (!configured.isEmpty() && !configured.contains(id))) {
				continue;
			}
			if (!narrowedTo.isEmpty() && !narrowedTo.contains(id)) {
				narrowedOut.add(id);
				continue;
			}
			String name = orElse(text(notebook, "displayName"), id);
			List<ListedPage> notebookPages = new ArrayList<>();
			walk(auth, root, "/notebooks/" + GraphClient.segment(id), new Location(id, name, null), notebookPages, 0);
			listedIds.put(id, notebookPages.stream().map(ListedPage::id).distinct().toList());
			pages.addAll(notebookPages);
		}
		boolean narrowed = !narrowedOut.isEmpty() || narrowedTo.stream().anyMatch((id) -> !listedIds.containsKey(id));
		Optional<PageCursor> previous = source.cursor().flatMap(PageCursor::decode);
		if (source.cursor().isPresent() && previous.isEmpty()) {
			logger.warn("The cursor of OneNote source {} is not readable; listing every page", source.sourceId());
		}
		Map<String, List<String>> nextIds = new LinkedHashMap<>(listedIds);
		previous.ifPresent((cursor) -> cursor.pagesByNotebook().forEach((notebook, ids) -> {
			if (narrowedOut.contains(notebook)) {
				nextIds.putIfAbsent(notebook, ids);
			}
		}));
		String nextCursor = new PageCursor(nextIds).encode();
		boolean incremental = previous.isPresent() && modifiedSince != null;
		Set<String> known = new HashSet<>();
		previous.ifPresent((cursor) -> cursor.pagesByNotebook().values().forEach(known::addAll));
		List<ItemRef> items = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (ListedPage page : pages) {
			if (!seen.add(page.id())) {
				continue;
			}
			if (!incremental || !known.contains(page.id()) || page.item().modifiedAt() == null
					|| page.item().modifiedAt().isAfter(modifiedSince)) {
				items.add(page.item());
			}
		}
		if (!narrowed && !incremental) {
			return new ChangeSet(items, List.of(), List.of(), true, nextCursor);
		}
		List<String> deleted = new ArrayList<>();
		previous.ifPresent((cursor) -> cursor.pagesByNotebook().forEach((notebook, ids) -> {
			if (!narrowedOut.contains(notebook)) {
				ids.stream().filter((id) -> !seen.contains(id)).forEach(deleted::add);
			}
		}));
		return new ChangeSet(items, deleted.stream().distinct().toList(), List.of(), false, nextCursor);
	}

	@Override
	public SourceItem getDocument(SourceContext<OneNoteConfig> source, ItemRef item) {
		OneNoteConfig config = source.config();
		GraphAuthorization auth = this.tokens.delegated(source);
		String root = root(config);
		String pageId = item.itemId();
		Map<String, String> hints = new LinkedHashMap<>(item.hints());
		String title = item.title();
		Instant modifiedAt = item.modifiedAt();
		try {
			if (hints.get(HINT_WEB_URL) == null || hints.get(HINT_NOTEBOOK) == null) {
				JsonNode page = this.graph.get(auth, root + "/pages/" + GraphClient.segment(pageId) + "?$select="
						+ PAGE_FIELDS + "&$expand=parentNotebook,parentSection");
				if (page == null) {
					return null;
				}
				ItemRef listed = pageRef(page,
						new Location(text(page.path("parentNotebook"), "id"),
								text(page.path("parentNotebook"), "displayName"), null),
						text(page.path("parentSection"), "displayName"));
				listed.hints().forEach(hints::putIfAbsent);
				title = listed.title();
				modifiedAt = listed.modifiedAt();
			}
			String contentUrl = hints.get(HINT_CONTENT_URL);
			if (contentUrl == null || !this.graph.isGraphUrl(contentUrl)) {
				contentUrl = root + "/pages/" + GraphClient.segment(pageId) + "/content";
			}
			GraphContent content = this.graph.download(auth, contentUrl, this.properties.maxPageSize().toBytes());
			if (content == null) {
				return null;
			}
			PageHtml page = PageHtml.parse(content.bytes());
			if (title == null || title.isBlank()) {
				title = page.title();
			}
			Map<String, Object> metadata = new LinkedHashMap<>();
			putIfPresent(metadata, "notebook", hints.get(HINT_NOTEBOOK));
			putIfPresent(metadata, "notebook_id", hints.get(HINT_NOTEBOOK_ID));
			putIfPresent(metadata, "section_group", hints.get(HINT_SECTION_GROUP));
			putIfPresent(metadata, "section", hints.get(HINT_SECTION));
			metadata.put("path", path(hints));
			List<ItemImage> images = new ArrayList<>();
			List<String> skipped = new ArrayList<>();
			if (config.includeImages()) {
				readImages(auth, page.images(), images, skipped);
			}
			if (!skipped.isEmpty()) {
				metadata.put("skipped_images", List.copyOf(skipped));
			}
			if (page.text().isEmpty() && (title == null || title.isBlank()) && images.isEmpty()) {
				throw new ItemException("The OneNote page " + pageId + " has no readable text.");
			}
			String html = page.html(title);
			return new SourceItem(pageId, orElse(title, "Untitled page"), hints.get(HINT_WEB_URL), fileName(title),
					"text/html", html.getBytes(StandardCharsets.UTF_8), instant(hints.get(HINT_CREATED)), modifiedAt,
					metadata, images);
		}
		catch (GraphRequestException ex) {
			throw new ItemException("The OneNote page " + pageId + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	private void readImages(GraphAuthorization auth, List<PageImage> pageImages, List<ItemImage> images,
			List<String> skipped) {
		long maxBytes = this.properties.maxImageSize().toBytes();
		Set<String> done = new HashSet<>();
		for (PageImage image : pageImages) {
			if (!done.add(image.resourceId())) {
				continue;
			}
			if (images.size() >= this.properties.maxImagesPerPage()) {
				skipped.add(image.resourceId() + ": more than " + this.properties.maxImagesPerPage()
						+ " images on the page");
				continue;
			}
			String problem = null;
			GraphContent content = null;
			for (String url : candidates(image)) {
				if (!this.graph.isGraphUrl(url)) {
					problem = "not a Graph resource";
					continue;
				}
				try {
					content = this.graph.download(auth, url, maxBytes);
					problem = (content == null) ? "not found" : null;
				}
				catch (ItemException ex) {
					problem = "larger than " + maxBytes + " bytes";
				}
				catch (GraphRequestException ex) {
					problem = "refused (HTTP " + ex.status() + ")";
				}
				if (content != null) {
					break;
				}
			}
			String mediaType = (content != null) ? mediaType(image, content) : null;
			if (content != null && mediaType == null) {
				problem = "not an image";
			}
			if (problem != null || content == null) {
				skipped.add(image.resourceId() + ": " + ((problem != null) ? problem : "not found"));
				continue;
			}
			images.add(new ItemImage(image.resourceId(), mediaType, content.bytes(), image.alt()));
		}
	}

	private static List<String> candidates(PageImage image) {
		Set<String> urls = new LinkedHashSet<>();
		if (image.fullResUrl() != null) {
			urls.add(image.fullResUrl());
		}
		if (image.url() != null) {
			urls.add(image.url());
		}
		return List.copyOf(urls);
	}

	private static String mediaType(PageImage image, GraphContent content) {
		for (String candidate : new String[] { content.contentType(), image.fullResMediaType(), image.mediaType() }) {
			if (candidate != null && candidate.toLowerCase(Locale.ROOT).startsWith("image/")) {
				return candidate.toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	private void walk(GraphAuthorization auth, String root, String container, Location location, List<ListedPage> pages,
			int depth) {
		if (depth > MAX_GROUP_DEPTH) {
			return;
		}
		List<JsonNode> sections = this.graph.list(auth, root + container + "/sections?$select=id,displayName");
		for (JsonNode section : (sections != null) ? sections : List.<JsonNode>of()) {
			String sectionId = text(section, "id");
			if (sectionId == null) {
				continue;
			}
			String sectionName = orElse(text(section, "displayName"), sectionId);
			List<JsonNode> listed = this.graph.list(auth, root + "/sections/" + GraphClient.segment(sectionId)
					+ "/pages?$select=" + PAGE_FIELDS + "&$orderby=lastModifiedDateTime%20desc&$top=100");
			for (JsonNode page : (listed != null) ? listed : List.<JsonNode>of()) {
				if (text(page, "id") != null) {
					pages.add(new ListedPage(pageRef(page, location, sectionName)));
				}
			}
		}
		List<JsonNode> groups = this.graph.list(auth, root + container + "/sectionGroups?$select=id,displayName");
		for (JsonNode group : (groups != null) ? groups : List.<JsonNode>of()) {
			String groupId = text(group, "id");
			if (groupId != null) {
				walk(auth, root, "/sectionGroups/" + GraphClient.segment(groupId),
						location.inGroup(orElse(text(group, "displayName"), groupId)), pages, depth + 1);
			}
		}
	}

	private static ItemRef pageRef(JsonNode page, Location location, String section) {
		Map<String, String> hints = new LinkedHashMap<>();
		putIfPresent(hints, HINT_CONTENT_URL, text(page, "contentUrl"));
		putIfPresent(hints, HINT_WEB_URL, text(page.path("links").path("oneNoteWebUrl"), "href"));
		putIfPresent(hints, HINT_NOTEBOOK_ID, location.notebookId());
		putIfPresent(hints, HINT_NOTEBOOK, location.notebook());
		putIfPresent(hints, HINT_SECTION_GROUP, location.sectionGroup());
		putIfPresent(hints, HINT_SECTION, section);
		putIfPresent(hints, HINT_CREATED, text(page, "createdDateTime"));
		String modified = text(page, "lastModifiedDateTime");
		return new ItemRef(text(page, "id"), text(page, "title"), instant(modified), modified, hints);
	}

	private static String path(Map<String, String> hints) {
		List<String> parts = new ArrayList<>();
		for (String name : List.of(HINT_NOTEBOOK, HINT_SECTION_GROUP, HINT_SECTION)) {
			if (hints.get(name) != null) {
				parts.add(hints.get(name));
			}
		}
		return String.join(" / ", parts);
	}

	private static Set<String> requestedNotebooks(FetchFilters filters) {
		Object value = filters.values().get("notebook_ids");
		Set<String> ids = new LinkedHashSet<>();
		if (value instanceof String text && !text.isBlank()) {
			ids.add(text.trim());
		}
		else if (value instanceof Collection<?> values) {
			values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(ids::add);
		}
		return ids;
	}

	private static String root(OneNoteConfig config) {
		return OneNoteConfig.SITE.equals(config.scope()) ? "/sites/" + GraphClient.segment(config.siteId()) + "/onenote"
				: "/me/onenote";
	}

	private static SourceException notFound(OneNoteConfig config) {
		return new SourceException(OneNoteConfig.SITE.equals(config.scope())
				? "No OneNote notebooks were found for the site '" + config.siteId() + "': check 'config.site_id'."
				: "The connected account has no OneNote notebooks to read.");
	}

	private static String fileName(String title) {
		String name = (title != null) ? title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", " ").trim() : "";
		if (name.length() > 100) {
			name = name.substring(0, 100).trim();
		}
		return (name.isEmpty() ? "page" : name) + ".html";
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

	private static void putIfPresent(Map<String, ? super String> map, String key, String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	private record Location(String notebookId, String notebook, String sectionGroup) {

		Location inGroup(String group) {
			return new Location(this.notebookId, this.notebook,
					(this.sectionGroup != null) ? this.sectionGroup + "/" + group : group);
		}

	}

	private record ListedPage(ItemRef item) {

		String id() {
			return this.item.itemId();
		}

	}

}
