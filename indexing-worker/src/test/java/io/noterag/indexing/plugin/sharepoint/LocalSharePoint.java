package io.noterag.indexing.plugin.sharepoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.noterag.indexing.plugin.microsoft.LocalGraphServer;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer.Reply;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer.Request;

/**
 * A SharePoint site served by the local Graph server in the shapes of the v1.0 reference:
 * the site, its drives, drive items with {@code file}, {@code folder}, {@code root},
 * {@code deleted}, {@code parentReference}, {@code eTag}/{@code cTag}; {@code root/delta}
 * with {@code $skiptoken} next links and {@code token} delta links (no
 * {@code parentReference.path} in delta answers), {@code 410 resyncRequired} for expired
 * tokens, content as a {@code 302} to a pre-authenticated download URL on another host,
 * and {@code root/search(q='...')}.
 */
public final class LocalSharePoint {

	public static final String SITE = "contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,"
			+ "2D2244C3-251A-49EA-93A8-39E1C3A060FE";

	private final LocalGraphServer server;

	private final int pageSize;

	private final AtomicInteger ids = new AtomicInteger(100);

	private final Map<String, Drive> drives = new LinkedHashMap<>();

	public LocalSharePoint(LocalGraphServer server, int pageSize) {
		this.server = server;
		this.pageSize = pageSize;
		server.on("GET", "/v1.0/sites/" + SITE,
				(request) -> Reply.json(200, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#sites/"
						+ "$entity\",\"id\":\"" + SITE + "\",\"displayName\":\"Policies\",\"name\":\"Policies\","
						+ "\"webUrl\":\"https://contoso.sharepoint.com/sites/Policies\"}"));
		server.on("GET", "/v1.0/sites/" + SITE + "/drives",
				(request) -> Reply.json(200,
						LocalGraphServer.collection("https://graph.microsoft.com/v1.0/$metadata#drives",
								this.drives.values().stream().map(Drive::json).toList(), null, null)));
		server.onPrefix("GET", "/v1.0/drives/", this::handle);
		server.onPrefix("GET", "/download/", this::download);
	}

	public Drive drive(String name, String urlName) {
		Drive drive = new Drive(
				"b!" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "_x-" + this.drives.size(),
				name, "https://contoso.sharepoint.com/sites/Policies/" + urlName);
		drive.root = new Item(drive, nextId(), "root", null, true, null, null);
		drive.touch(drive.root);
		this.drives.put(drive.id, drive);
		return drive;
	}

	public Item folder(Drive drive, Item parent, String name) {
		Item folder = new Item(drive, nextId(), name, (parent != null) ? parent : drive.root, true, null, null);
		drive.touch(folder);
		return folder;
	}

	public Item file(Drive drive, Item parent, String name, String mimeType, byte[] content) {
		Item file = new Item(drive, nextId(), name, (parent != null) ? parent : drive.root, false, mimeType, content);
		drive.touch(file);
		return file;
	}

	public void change(Item file, byte[] content) {
		file.content = content;
		file.drive.touch(file);
	}

	void move(Item item, Item parent) {
		item.parent = parent;
		item.drive.touch(item);
	}

	public void delete(Item item) {
		item.deleted = true;
		item.drive.touch(item);
	}

	void expireDeltaTokens(Drive drive) {
		// every token handed out so far is expired; new ones start after it
		drive.version++;
		drive.expiredBefore = drive.version;
	}

	private String nextId() {
		return "01BYE5RZ" + String.format(Locale.ROOT, "%024X", (long) this.ids.incrementAndGet() * 7_919_111L);
	}

	private Reply handle(Request request) {
		String rest = request.path().substring("/v1.0/drives/".length());
		int slash = rest.indexOf('/');
		Drive drive = this.drives.get((slash >= 0) ? rest.substring(0, slash) : rest);
		if (drive == null || slash < 0) {
			return Reply.error(404, "itemNotFound",
					"The provided drive id appears to be malformed, or does not " + "represent a valid drive.");
		}
		String path = rest.substring(slash);
		if (path.equals("/root/delta")) {
			return delta(request, drive);
		}
		if (path.startsWith("/root:/") && path.endsWith(":")) {
			String wanted = path.substring("/root:/".length(), path.length() - 1);
			return drive.items.values()
				.stream()
				.filter((item) -> !item.deleted && item.relativePath().equalsIgnoreCase("/" + wanted))
				.findFirst()
				.map((item) -> Reply.json(200, item.json(true)))
				.orElse(Reply.error(404, "itemNotFound", "The resource could not be found."));
		}
		if (path.startsWith("/root/search(q='") && path.endsWith("')")) {
			String q = path.substring("/root/search(q='".length(), path.length() - 2).replace("''", "'");
			List<String> values = drive.items.values()
				.stream()
				.filter((item) -> !item.deleted && item != drive.root
						&& item.name.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
				.map((item) -> item.json(false))
				.toList();
			return Reply.json(200, LocalGraphServer
				.collection("https://graph.microsoft.com/v1.0/$metadata#Collection(driveItem)", values, null, null));
		}
		if (path.startsWith("/items/")) {
			String[] parts = path.substring("/items/".length()).split("/");
			Item item = drive.items.get(parts[0]);
			if (item == null || item.deleted) {
				return Reply.error(404, "itemNotFound", "The resource could not be found.");
			}
			if (parts.length == 1) {
				return Reply.json(200, item.json(true));
			}
			if (parts.length == 2 && parts[1].equals("content") && !item.folder) {
				return Reply.redirect(this.server.otherHostUrl() + "/download/" + drive.id + "/" + item.id
						+ "?tempauth=v1.eyJhdWQiOiIwMDAwMDAwMy0wMDAwLTBmZjEtY2UwMC0wMDAwMDAwMDAwMDAifQ");
			}
		}
		return Reply.error(400, "invalidRequest", "Invalid request");
	}

	private Reply download(Request request) {
		if (request.authorization() != null) {
			return Reply.error(401, "invalidRequest", "The pre-authenticated URL must not carry a token.");
		}
		String[] parts = request.path().substring("/download/".length()).split("/");
		Drive drive = this.drives.get(parts[0]);
		Item item = (drive != null) ? drive.items.get(parts[1]) : null;
		if (item == null || item.deleted || request.query().get("tempauth") == null) {
			return Reply.error(404, "itemNotFound", "The resource could not be found.");
		}
		return Reply.bytes(item.mimeType, item.content);
	}

	private Reply delta(Request request, Drive drive) {
		String skipToken = request.query().get("$skiptoken");
		String token = request.query().get("token");
		int since;
		int offset = 0;
		if (skipToken != null) {
			String[] parts = skipToken.split("\\.");
			since = Integer.parseInt(parts[0]);
			offset = Integer.parseInt(parts[1]);
		}
		else {
			since = (token != null) ? Integer.parseInt(token) : -1;
		}
		if (since >= 0 && since < drive.expiredBefore) {
			return Reply.json(410, "{\"error\":{\"code\":\"resyncRequired\",\"message\":\"Resync required. Replace "
					+ "any local items with the server's version (including deletes) if you're sure that the service "
					+ "was up to date with your local changes when you last sync'd. Upload any local changes that "
					+ "the server doesn't know about.\",\"innerError\":{\"code\":\"resyncChangesApplyDifferences\","
					+ "\"date\":\"2026-11-25T10:15:42\",\"request-id\":\"0b7c7e7e-2a8e-4b5f-9d1a-7a6e5f4d3c2b\"}}}")
				.withHeaders(Map.of("Location", this.server.graphUrl() + "/drives/" + drive.id + "/root/delta"));
		}
		List<Item> changed = drive.items.values()
			.stream()
			.filter((item) -> item.version > since && (since >= 0 || !item.deleted))
			.sorted(Comparator.comparingInt((Item item) -> item.version))
			.toList();
		List<String> page = changed
			.subList(Math.min(offset, changed.size()), Math.min(offset + this.pageSize, changed.size()))
			.stream()
			.map((item) -> item.deleted ? item.deletedJson() : item.json(false))
			.toList();
		String base = this.server.graphUrl() + "/drives/" + drive.id + "/root/delta";
		boolean more = offset + this.pageSize < changed.size();
		return Reply.json(200, LocalGraphServer.collection(
				"https://graph.microsoft.com/v1.0/$metadata#Collection(driveItem)", new ArrayList<>(page),
				more ? base + "?$skiptoken="
						+ URLEncoder.encode(since + "." + (offset + this.pageSize), StandardCharsets.UTF_8) : null,
				more ? null : base + "?token=" + drive.version));
	}

	public static final class Drive {

		public final String id;

		final String name;

		final String webUrl;

		final Map<String, Item> items = new LinkedHashMap<>();

		Item root;

		int version;

		int expiredBefore;

		Drive(String id, String name, String webUrl) {
			this.id = id;
			this.name = name;
			this.webUrl = webUrl;
		}

		void touch(Item item) {
			this.version++;
			item.version = this.version;
			item.modified = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(this.version * 60L);
			this.items.put(item.id, item);
		}

		String json() {
			return "{\"id\":\"" + this.id + "\",\"driveType\":\"documentLibrary\",\"name\":\"" + this.name
					+ "\",\"description\":\"\",\"webUrl\":\"" + this.webUrl + "\",\"createdDateTime\":"
					+ "\"2025-01-10T12:00:00Z\",\"lastModifiedDateTime\":\"2026-11-20T08:00:00Z\",\"createdBy\":"
					+ "{\"user\":{\"displayName\":\"System Account\"}},\"owner\":{\"group\":{\"id\":"
					+ "\"7f2b1c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"displayName\":\"Policies Owners\"}},"
					+ "\"quota\":{\"deleted\":0,\"remaining\":27487790694400,\"state\":\"normal\",\"total\":"
					+ "27487790694400,\"used\":0}}";
		}

	}

	public static final class Item {

		final Drive drive;

		public final String id;

		final String name;

		Item parent;

		final boolean folder;

		final String mimeType;

		byte[] content;

		int version;

		Instant modified;

		boolean deleted;

		Item(Drive drive, String id, String name, Item parent, boolean folder, String mimeType, byte[] content) {
			this.drive = drive;
			this.id = id;
			this.name = name;
			this.parent = parent;
			this.folder = folder;
			this.mimeType = mimeType;
			this.content = content;
		}

		String relativePath() {
			if (this.parent == null) {
				return "";
			}
			return this.parent.relativePath() + "/" + this.name;
		}

		String json(boolean withPath) {
			StringBuilder json = new StringBuilder("{\"@odata.type\":\"#microsoft.graph.driveItem\",");
			json.append("\"id\":\"").append(this.id).append("\",\"name\":\"").append(this.name).append("\",");
			json.append("\"eTag\":\"\\\"{")
				.append(this.id, 8, 16)
				.append("-0000},")
				.append(this.version)
				.append("\\\"\",");
			json.append("\"cTag\":\"\\\"c:{")
				.append(this.id, 8, 16)
				.append("-0000},")
				.append(this.version)
				.append("\\\"\",");
			json.append("\"createdDateTime\":\"2025-01-10T12:00:00Z\",\"lastModifiedDateTime\":\"")
				.append(this.modified)
				.append("\",");
			json.append("\"webUrl\":\"")
				.append(this.drive.webUrl)
				.append(this.relativePath().replace(" ", "%20"))
				.append("\",");
			json.append("\"size\":").append(this.folder ? 0 : this.content.length).append(",");
			if (this.parent == null) {
				json.append("\"root\":{},");
			}
			else {
				json.append("\"parentReference\":{\"driveType\":\"documentLibrary\",\"driveId\":\"")
					.append(this.drive.id)
					.append("\",\"id\":\"")
					.append(this.parent.id)
					.append("\"");
				if (withPath) {
					json.append(",\"path\":\"/drives/")
						.append(this.drive.id)
						.append("/root:")
						.append(this.parent.relativePath().replace(" ", "%20"))
						.append("\"");
				}
				json.append("},");
			}
			if (this.folder) {
				json.append("\"folder\":{\"childCount\":0}");
			}
			else {
				json.append("\"file\":{\"mimeType\":\"")
					.append(this.mimeType)
					.append("\",\"hashes\":{\"quickXorHash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}}");
				json.append(
						",\"fileSystemInfo\":{\"createdDateTime\":\"2025-01-10T12:00:00Z\",\"lastModifiedDateTime\":\"")
					.append(this.modified)
					.append("\"}");
			}
			return json.append("}").toString();
		}

		String deletedJson() {
			return "{\"@odata.type\":\"#microsoft.graph.driveItem\",\"id\":\"" + this.id + "\",\"parentReference\":"
					+ "{\"driveType\":\"documentLibrary\",\"driveId\":\"" + this.drive.id + "\",\"id\":\""
					+ this.parent.id + "\"}," + (this.folder ? "\"folder\":{\"childCount\":0}" : "\"file\":{}")
					+ ",\"deleted\":{\"state\":\"deleted\"}}";
		}

	}

	static Set<String> ids(List<Item> items) {
		Set<String> ids = new HashSet<>();
		items.forEach((item) -> ids.add(item.drive.id + ":" + item.id));
		return ids;
	}

}
