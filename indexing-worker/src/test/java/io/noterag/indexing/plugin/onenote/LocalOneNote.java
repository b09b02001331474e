package io.noterag.indexing.plugin.onenote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.noterag.indexing.plugin.microsoft.LocalGraphServer;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer.Reply;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer.Request;

/**
 * OneNote notebooks served by the local Graph server under {@code /me/onenote} (or a
 * site's), in the shapes of the v1.0 reference: notebooks, nested section groups,
 * sections and pages with {@code links}, {@code contentUrl}, paging with {@code $skip}
 * next links, page HTML and image resources.
 */
public final class LocalOneNote {

	static final String USER = "users('alex@contoso.com')";

	private final LocalGraphServer server;

	private final String root;

	private final int pageSize;

	private final AtomicInteger ids = new AtomicInteger(0x1165);

	private final Map<String, Container> notebooks = new LinkedHashMap<>();

	private final Map<String, Container> groups = new LinkedHashMap<>();

	private final Map<String, Section> sections = new LinkedHashMap<>();

	private final Map<String, Page> pages = new LinkedHashMap<>();

	private final Map<String, Resource> resources = new LinkedHashMap<>();

	public LocalOneNote(LocalGraphServer server, String root, int pageSize) {
		this.server = server;
		this.root = root;
		this.pageSize = pageSize;
		server.onPrefix("GET", "/v1.0" + root + "/", this::handle);
		server.onPrefix("GET", "/v1.0/" + USER + "/onenote/",
				(request) -> handle(request, "/v1.0/" + USER + "/onenote"));
	}

	public Container notebook(String name) {
		Container notebook = new Container(nextId("0-"), name);
		this.notebooks.put(notebook.id, notebook);
		return notebook;
	}

	public Container group(Container parent, String name) {
		Container group = new Container(nextId("0-"), name);
		parent.groupIds.add(group.id);
		this.groups.put(group.id, group);
		return group;
	}

	public Section section(Container parent, String name) {
		Section section = new Section(nextId("0-"), name);
		parent.sectionIds.add(section.id);
		this.sections.put(section.id, section);
		return section;
	}

	public Page page(Section section, String title, Instant modified, String body) {
		Page page = new Page(nextId("1-"), title, modified.minusSeconds(86_400), modified, html(title, body));
		section.pageIds.add(page.id);
		this.pages.put(page.id, page);
		return page;
	}

	public void edit(Page page, Instant modified, String body) {
		page.modified = modified;
		page.html = html(page.title, body);
	}

	void rawHtml(Page page, String html) {
		page.html = html;
	}

	public void delete(Page page) {
		this.pages.remove(page.id);
		this.sections.values().forEach((section) -> section.pageIds.remove(page.id));
	}

	void deleteNotebook(Container notebook) {
		this.notebooks.remove(notebook.id);
	}

	/** An image resource; returns the {@code <img>} that shows it on a page. */
	public String image(String mediaType, byte[] bytes, String alt) {
		String id = nextId("0-");
		this.resources.put(id, new Resource(mediaType, bytes));
		return imageTag(id, mediaType, alt);
	}

	/** An {@code <img>} for a resource that does not exist (deleted, broken). */
	String brokenImage(String alt) {
		return imageTag(nextId("0-"), "image/jpeg", alt);
	}

	public String webUrl(Page page) {
		return "https://contoso-my.sharepoint.com/personal/alex_contoso_com/Documents/Notebooks/Work?wd=target%28"
				+ page.id.substring(2, 10) + "%29";
	}

	private String imageTag(String id, String mediaType, String alt) {
		String url = this.server.graphUrl() + "/" + USER + "/onenote/resources/" + id + "/$value";
		return "<img width=\"640\" height=\"480\" src=\"" + url + "\" data-src-type=\"" + mediaType
				+ "\" data-fullres-src=\"" + url + "\" data-fullres-src-type=\"" + mediaType + "\""
				+ ((alt != null) ? " alt=\"" + alt + "\"" : "") + " />";
	}

	private String nextId(String prefix) {
		int n = this.ids.incrementAndGet();
		return prefix + String.format("%032x", (long) n * 0x9E3779B1L) + "!" + (n % 97) + "-816F7725BEF00A5F!" + n;
	}

	private static String html(String title, String body) {
		return "<html lang=\"en-US\">\n\t<head>\n\t\t<title>" + title + "</title>\n"
				+ "\t\t<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
				+ "\t\t<meta name=\"created\" content=\"2026-11-01T09:00:00.0000000\" />\n\t</head>\n"
				+ "\t<body data-absolute-enabled=\"true\" style=\"font-family:Calibri;font-size:11pt\">\n"
				+ "\t\t<div id=\"div:{8c5e7c1a-3f0b-4d3e-9a36-0b8b8c3f2a11}{1}\" data-id=\"_default\" "
				+ "style=\"position:absolute;left:48px;top:120px;width:624px\">\n" + body + "\n\t\t</div>\n"
				+ "\t</body>\n</html>";
	}

	private Reply handle(Request request) {
		return handle(request, "/v1.0" + this.root);
	}

	private Reply handle(Request request, String prefix) {
		String[] parts = request.path().substring(prefix.length() + 1).split("/");
		String kind = parts[0];
		if (parts.length == 1 && kind.equals("notebooks")) {
			return collection(request, "notebooks",
					this.notebooks.values().stream().map((n) -> containerJson(n, "notebook")).toList());
		}
		if (parts.length == 3 && (kind.equals("notebooks") || kind.equals("sectionGroups"))) {
			Container container = kind.equals("notebooks") ? this.notebooks.get(parts[1]) : this.groups.get(parts[1]);
			if (container == null) {
				return Reply.error(404, "20102", "The requested resource does not exist.");
			}
			if (parts[2].equals("sections")) {
				return collection(request, "sections",
						container.sectionIds.stream().map(this.sections::get).map(this::sectionJson).toList());
			}
			if (parts[2].equals("sectionGroups")) {
				return collection(request, "sectionGroups",
						container.groupIds.stream()
							.map(this.groups::get)
							.map((g) -> containerJson(g, "sectionGroup"))
							.toList());
			}
		}
		if (parts.length == 3 && kind.equals("sections") && parts[2].equals("pages")) {
			Section section = this.sections.get(parts[1]);
			if (section == null) {
				return Reply.error(404, "20102", "The requested resource does not exist.");
			}
			return collection(request, "pages",
					section.pageIds.stream()
						.map(this.pages::get)
						.sorted(Comparator.comparing((Page p) -> p.modified).reversed())
						.map(this::pageJson)
						.toList());
		}
		if (kind.equals("pages")) {
			Page page = (parts.length > 1) ? this.pages.get(parts[1]) : null;
			if (page == null) {
				return Reply.error(404, "20102", "The requested resource does not exist.");
			}
			if (parts.length == 2) {
				return Reply.json(200, pageJson(page));
			}
			if (parts.length == 3 && parts[2].equals("content")) {
				return Reply.bytes("text/html", page.html.getBytes(StandardCharsets.UTF_8));
			}
		}
		if (kind.equals("resources") && parts.length == 3 && parts[2].equals("$value")) {
			Resource resource = this.resources.get(parts[1]);
			if (resource == null) {
				return Reply.error(404, "20102", "The requested resource does not exist.");
			}
			return Reply.bytes(resource.mediaType, resource.bytes);
		}
		return Reply.error(400, "20143", "The OData query is invalid.");
	}

	private Reply collection(Request request, String what, List<String> values) {
		int skip = request.intParam("$skip", 0);
		int top = Math.min(request.intParam("$top", this.pageSize), this.pageSize);
		List<String> page = values.subList(Math.min(skip, values.size()), Math.min(skip + top, values.size()));
		String next = null;
		if (skip + top < values.size()) {
			Map<String, String> query = new LinkedHashMap<>(request.query());
			query.put("$skip", String.valueOf(skip + top));
			next = this.server.baseUrl() + request.path() + "?"
					+ query.entrySet()
						.stream()
						.map((e) -> e.getKey() + "="
								+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
						.collect(Collectors.joining("&"));
		}
		return Reply.json(200,
				LocalGraphServer.collection("https://graph.microsoft.com/v1.0/$metadata#" + USER + "/onenote/" + what,
						new ArrayList<>(page), next, null));
	}

	private String containerJson(Container container, String type) {
		String self = this.server.graphUrl() + "/" + USER + "/onenote/" + type + "s/" + container.id;
		return "{\"id\":\"" + container.id + "\",\"self\":\"" + self
				+ "\",\"createdDateTime\":\"2025-03-02T08:15:00Z\"," + "\"displayName\":\"" + container.name
				+ "\",\"lastModifiedDateTime\":\"2026-11-20T16:40:00Z\","
				+ "\"isDefault\":false,\"userRole\":\"Owner\",\"isShared\":false," + "\"sectionsUrl\":\"" + self
				+ "/sections\",\"sectionGroupsUrl\":\"" + self + "/sectionGroups\","
				+ "\"createdBy\":{\"user\":{\"id\":\"4e3f6b2a\",\"displayName\":\"Alex Wilber\"}},"
				+ "\"links\":{\"oneNoteClientUrl\":{\"href\":\"onenote:https://contoso-my.sharepoint.com/personal/"
				+ "alex_contoso_com/Documents/Notebooks/" + container.name + "\"},\"oneNoteWebUrl\":{\"href\":"
				+ "\"https://contoso-my.sharepoint.com/personal/alex_contoso_com/Documents/Notebooks/" + container.name
				+ "\"}}}";
	}

	private String sectionJson(Section section) {
		String self = this.server.graphUrl() + "/" + USER + "/onenote/sections/" + section.id;
		return "{\"id\":\"" + section.id + "\",\"self\":\"" + self + "\",\"createdDateTime\":\"2025-03-02T08:15:00Z\","
				+ "\"displayName\":\"" + section.name + "\",\"lastModifiedDateTime\":\"2026-11-20T16:40:00Z\","
				+ "\"isDefault\":false,\"pagesUrl\":\"" + self + "/pages\"}";
	}

	private String pageJson(Page page) {
		String self = this.server.graphUrl() + "/" + USER + "/onenote/pages/" + page.id;
		return "{\"id\":\"" + page.id + "\",\"self\":\"" + self + "\",\"title\":\"" + page.title + "\","
				+ "\"createdByAppId\":\"\",\"createdDateTime\":\"" + page.created + "\",\"lastModifiedDateTime\":\""
				+ page.modified + "\",\"level\":0,\"order\":0,\"contentUrl\":\"" + self + "/content\","
				+ "\"links\":{\"oneNoteClientUrl\":{\"href\":\"onenote:https://contoso-my.sharepoint.com/personal/"
				+ "alex_contoso_com/Documents/Notebooks/Work/" + page.id.substring(2, 10) + ".one\"},"
				+ "\"oneNoteWebUrl\":{\"href\":\"" + webUrl(page) + "\"}}}";
	}

	public static final class Container {

		public final String id;

		final String name;

		final List<String> sectionIds = new ArrayList<>();

		final List<String> groupIds = new ArrayList<>();

		Container(String id, String name) {
			this.id = id;
			this.name = name;
		}

	}

	public static final class Section {

		public final String id;

		final String name;

		final List<String> pageIds = new ArrayList<>();

		Section(String id, String name) {
			this.id = id;
			this.name = name;
		}

	}

	public static final class Page {

		public final String id;

		final String title;

		final Instant created;

		Instant modified;

		String html;

		Page(String id, String title, Instant created, Instant modified, String html) {
			this.id = id;
			this.title = title;
			this.created = created;
			this.modified = modified;
			this.html = html;
		}

	}

	private record Resource(String mediaType, byte[] bytes) {

	}

}
