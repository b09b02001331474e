package io.noterag.document;

import java.nio.file.Path;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.noterag.shared.test.TestTokens;
import io.noterag.shared.vector.ChunkIds;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registers sources and writes documents through the API, as an admin and the worker. */
public final class TestSources {

	private static final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final MockMvc mvc;

	public TestSources(MockMvc mvc) {
		this.mvc = mvc;
	}

	/**
	 * Registers a filesystem source on a new folder.
	 * @param adminId the administrator registering it
	 * @param name its name
	 * @param extraConfig more config JSON members, e.g. {@code "private":true}, or empty
	 * @return the source as the API answered
	 */
	public JsonNode create(UUID adminId, String name, String extraConfig) throws Exception {
		Path folder = TestFolders.newFolder(name);
		String config = "\"path\":\"" + folder + "\"" + (extraConfig.isEmpty() ? "" : "," + extraConfig);
		MvcResult result = this.mvc
			.perform(post("/api/v2/admin/sources")
				.header("Authorization", "Bearer " + TestTokens.user(adminId.toString(), "admin-" + name, "admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"filesystem\",\"name\":\"" + name + "\",\"config\":{" + config + "}}"))
			.andExpect(status().isCreated())
			.andReturn();
		return json.readTree(result.getResponse().getContentAsString());
	}

	/**
	 * Writes a document of a source as the worker does.
	 * @param sourceId the data source
	 * @param item its id inside the source
	 * @param fields more JSON members, e.g. {@code "tags":["a"]}
	 * @return the document's id
	 */
	public String upsert(String sourceId, String item, String fields) throws Exception {
		String id = ChunkIds.documentId(sourceId, item);
		this.mvc
			.perform(put("/internal/documents/" + id)
				.header("Authorization", "Bearer " + TestTokens.service("indexing-worker"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"data_source_id\":\"" + sourceId + "\",\"source_type\":\"filesystem\",\"source_id\":\""
						+ item + "\",\"title\":\"" + item + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}"))
			.andExpect(status().isOk());
		return id;
	}

}
