package io.noterag.indexing.plugin.sharepoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.noterag.indexing.plugin.microsoft.GraphAuthorization;
import io.noterag.indexing.plugin.microsoft.GraphClient;

/**
 * Whether a drive item lies below the configured folder. Delta answers carry no
 * {@code parentReference.path}, so an item is placed by walking its parents' ids up to
 * the folder or the drive's root; folders seen in the delta are remembered, others are
 * read once.
 */
final class FolderScope {

	private static final int MAX_DEPTH = 200;

	private final GraphClient graph;

	private final GraphAuthorization auth;

	private final String driveId;

	private final String folderId;

	private final boolean everything;

	private final Map<String, String> parents = new HashMap<>();

	private FolderScope(GraphClient graph, GraphAuthorization auth, String driveId, String folderId,
			boolean everything) {
		this.graph = graph;
		this.auth = auth;
		this.driveId = driveId;
		this.folderId = folderId;
		this.everything = everything;
	}

	/**
	 * The scope of a drive.
	 * @param graph the client
	 * @param auth the source's token
	 * @param drive the drive
	 * @param folderPath the configured folder ({@code /Policies} or
	 * {@code /Shared Documents/Policies}), or {@code null} for the whole drive
	 * @return the scope; one that contains nothing when the folder does not exist in this
	 * drive
	 */
	static FolderScope of(GraphClient graph, GraphAuthorization auth, Drive drive, String folderPath) {
		if (folderPath == null || folderPath.isBlank() || folderPath.trim().equals("/")) {
			return new FolderScope(graph, auth, drive.id(), null, true);
		}
		String path = relativeTo(drive, folderPath.trim());
		if (path.isEmpty()) {
			return new FolderScope(graph, auth, drive.id(), null, true);
		}
		StringBuilder encoded = new StringBuilder();
		for (String part : path.split("/")) {
			if (!part.isEmpty()) {
				encoded.append('/').append(GraphClient.segment(part));
			}
		}
		JsonNode folder = graph.get(auth,
				"/drives/" + GraphClient.segment(drive.id()) + "/root:" + encoded + ":?$select=id,name,folder");
		String folderId = (folder != null && folder.has("folder")) ? folder.path("id").asString(null) : null;
		return new FolderScope(graph, auth, drive.id(), folderId, false);
	}

	/**
	 * Whether the folder exists (or no folder was configured).
	 * @return whether anything can be in scope
	 */
	boolean isUsable() {
		return this.everything || this.folderId != null;
	}

	/**
	 * Remembers an item's parent, from a delta page.
	 * @param item a drive item
	 */
	void learn(JsonNode item) {
		String id = item.path("id").asString(null);
		if (id != null && !this.everything) {
			this.parents.put(id, parentOf(item));
		}
	}

	/**
	 * Whether an item lies below the folder.
	 * @param item a drive item
	 * @return whether it is in scope
	 */
	boolean contains(JsonNode item) {
		if (this.everything) {
			return true;
		}
		if (this.folderId == null) {
			return false;
		}
		String parent = parentOf(item);
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			if (parent.equals(this.folderId)) {
				return true;
			}
			parent = parentOfId(parent);
		}
		return false;
	}

	private String parentOfId(String id) {
		if (this.parents.containsKey(id)) {
			return this.parents.get(id);
		}
		JsonNode item = this.graph.get(this.auth, "/drives/" + GraphClient.segment(this.driveId) + "/items/"
				+ GraphClient.segment(id) + "?$select=id,root,parentReference");
		String parent = (item != null && !item.has("root")) ? parentOf(item) : null;
		this.parents.put(id, parent);
		return parent;
	}

	private static String parentOf(JsonNode item) {
		if (item.has("root")) {
			return null;
		}
		String parent = item.path("parentReference").path("id").asString(null);
		return (parent == null || parent.isBlank()) ? null : parent;
	}

	private static String relativeTo(Drive drive, String folderPath) {
		String path = folderPath.replace('\\', '/');
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		int slash = path.indexOf('/');
		String first = (slash >= 0) ? path.substring(0, slash) : path;
		if (drive.isNamed(first)) {
			return (slash >= 0) ? path.substring(slash + 1) : "";
		}
		return path;
	}

	/**
	 * A document library.
	 *
	 * @param id its drive id
	 * @param name its display name ({@code Documents})
	 * @param webUrl its address ({@code .../Shared%20Documents})
	 */
	record Drive(String id, String name, String webUrl) {

		boolean isNamed(String segment) {
			String wanted = segment.toLowerCase(Locale.ROOT);
			if (this.name != null && this.name.toLowerCase(Locale.ROOT).equals(wanted)) {
				return true;
			}
			if (this.webUrl != null) {
				String last = this.webUrl.substring(this.webUrl.lastIndexOf('/') + 1);
				String decoded;
				try {
					decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					decoded = last;
				}
				return decoded.toLowerCase(Locale.ROOT).equals(wanted);
			}
			return false;
		}

	}

}
