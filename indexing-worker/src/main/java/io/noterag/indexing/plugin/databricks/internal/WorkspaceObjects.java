package io.noterag.indexing.plugin.databricks.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Workspace API: lists notebooks under folders ({@code GET /api/2.0/workspace/list},
 * one call per folder, Git folders included) and exports one notebook's source
 * ({@code GET /api/2.0/workspace/export?format=SOURCE}, base64 content).
 */
public final class WorkspaceObjects {

	private static final Logger logger = LoggerFactory.getLogger(WorkspaceObjects.class);

	private final DatabricksHttp http;

	public WorkspaceObjects(DatabricksHttp http) {
		this.http = http;
	}

	/**
	 * Every notebook under the given folders, each once.
	 * @param workspace the workspace
	 * @param roots the folders (or notebooks); a missing one holds nothing
	 * @return the notebooks, by path
	 */
	public List<Notebook> notebooks(Workspace workspace, List<String> roots) {
		Map<String, Notebook> notebooks = new LinkedHashMap<>();
		Set<String> visited = new HashSet<>();
		Deque<String> folders = new ArrayDeque<>();
		for (String root : roots) {
			folders.add(root);
		}
		while (!folders.isEmpty()) {
			String folder = folders.removeFirst();
			if (!visited.add(folder)) {
				continue;
			}
			JsonNode answer;
			try {
				answer = this.http.get(workspace,
						"/api/2.0/workspace/list" + DatabricksHttp.query(Map.of("path", folder)));
			}
			catch (DatabricksApiException ex) {
				if (ex.notFound()) {
					// a configured folder that does not exist, or one deleted during the
					// walk
					logger.warn("Databricks folder {} does not exist in {}; it holds no notebooks", folder,
							workspace.host());
					continue;
				}
				throw ex;
			}
			for (JsonNode object : answer.path("objects")) {
				String type = object.path("object_type").asString("");
				String path = object.path("path").asString("");
				if (path.isEmpty()) {
					continue;
				}
				if ("DIRECTORY".equals(type) || "REPO".equals(type)) {
					folders.add(path);
				}
				else if ("NOTEBOOK".equals(type)) {
					notebooks.putIfAbsent(path,
							new Notebook(path, object.path("object_id").asString(null),
									object.path("language").asString(null), millis(object.path("created_at")),
									millis(object.path("modified_at"))));
				}
			}
		}
		return List.copyOf(notebooks.values());
	}

	/**
	 * Whether a path exists.
	 * @param workspace the workspace
	 * @param path the path
	 * @return whether it exists
	 */
	public boolean exists(Workspace workspace, String path) {
		try {
			this.http.get(workspace, "/api/2.0/workspace/get-status" + DatabricksHttp.query(Map.of("path", path)));
			return true;
		}
		catch (DatabricksApiException ex) {
			if (ex.notFound()) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * A notebook's source.
	 * @param workspace the workspace
	 * @param path its path
	 * @return its source and file type, or empty when it no longer exists
	 * @throws DatabricksApiException when it cannot be exported
	 */
	public Optional<Export> export(Workspace workspace, String path) {
		JsonNode answer;
		try {
			answer = this.http.get(workspace, "/api/2.0/workspace/export"
					+ DatabricksHttp.query(DatabricksHttp.params("path", path, "format", "SOURCE")));
		}
		catch (DatabricksApiException ex) {
			if (ex.notFound()) {
				return Optional.empty();
			}
			throw ex;
		}
		byte[] content = Base64.getMimeDecoder().decode(answer.path("content").asString(""));
		return Optional
			.of(new Export(new String(content, StandardCharsets.UTF_8), answer.path("file_type").asString(null)));
	}

	private static Instant millis(JsonNode value) {
		if (value.isNumber() || (value.isString() && value.asString().matches("\\d+"))) {
			long millis = value.asLong(0);
			return (millis > 0) ? Instant.ofEpochMilli(millis) : null;
		}
		return null;
	}

	/**
	 * A notebook as listed.
	 *
	 * @param path its workspace path
	 * @param objectId its object id, if given
	 * @param language {@code PYTHON}, {@code SCALA}, {@code SQL} or {@code R}, if given
	 * @param createdAt when it was created, if given
	 * @param modifiedAt when it last changed, if given
	 */
	public record Notebook(String path, String objectId, String language, Instant createdAt, Instant modifiedAt) {
	}

	/**
	 * An exported notebook.
	 *
	 * @param source its source text
	 * @param fileType the exported file's type ({@code py}, {@code scala}, {@code sql},
	 * {@code r}), if given
	 */
	public record Export(String source, String fileType) {
	}

}
