package io.noterag.document.document;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.noterag.document.DocumentServiceIntegrationTest;
import io.noterag.document.StubServices;
import io.noterag.document.TestSources;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class DocumentApiIT extends DocumentServiceIntegrationTest {

	@AfterEach
	void bringImagesBack() {
		StubServices.imagesDown = false;
	}

	@Test
	void shouldListOnlyTheDocumentsOfSourcesTheCallerMayReadNewestFirst() throws Exception {
		UUID ownerId = UUID.randomUUID();
		TestSources sources = new TestSources(this.mvc);
		String privateSource = sources.create(ownerId, "private-notes", "\"private\":true").get("id").asString();
		String older = sources.upsert(privateSource, "older.md", "\"modified_at\":\"2024-01-01T00:00:00Z\"");
		String newest = sources.upsert(privateSource, "newest.md", "\"modified_at\":\"2024-06-01T00:00:00Z\"");
		String middle = sources.upsert(privateSource, "middle.md", "\"modified_at\":\"2024-03-01T00:00:00Z\"");
		String owner = TestTokens.user(ownerId.toString(), "owner", "user");

		this.mvc.perform(get("/api/v2/documents?limit=2&offset=0").header("Authorization", bearer(owner)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(greaterOrEqual(3)))
			.andExpect(jsonPath("$.limit").value(2))
			.andExpect(jsonPath("$.documents", hasSize(2)));
		JsonNode all = readJson(
				this.mvc.perform(get("/api/v2/documents?limit=200").header("Authorization", bearer(owner)))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(positionOf(all, newest)).isNotNegative()
			.isLessThan(positionOf(all, middle))
			.isLessThan(positionOf(all, older));
		assertThat(positionOf(all, middle)).isLessThan(positionOf(all, older));

		// another user does not see the private source's documents, an admin does
		String stranger = TestTokens.newUser("viewer");
		JsonNode strangers = readJson(
				this.mvc.perform(get("/api/v2/documents?limit=200").header("Authorization", bearer(stranger)))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(positionOf(strangers, newest)).isNegative();
		this.mvc.perform(get("/api/v2/documents/" + newest).header("Authorization", bearer(stranger)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/v2/documents/" + newest).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.document.id").value(newest));
	}

	@Test
	void shouldLetEveryoneReadDocumentsOfASourceThatIsNotPrivate() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		String source = sources.create(UUID.randomUUID(), "team-notes", "").get("id").asString();
		String document = sources.upsert(source, "runbook.md", "\"tags\":[\"ops\"]");
		this.mvc
			.perform(get("/api/v2/documents/" + document).header("Authorization", bearer(TestTokens.newUser("viewer"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.document.title").value("runbook.md"))
			.andExpect(jsonPath("$.document.data_source_id").value(source))
			.andExpect(jsonPath("$.document.source_type").value("filesystem"))
			.andExpect(jsonPath("$.document.tags[0]").value("ops"))
			.andExpect(jsonPath("$.document.content_hash").doesNotExist());
	}

	@Test
	void shouldShowADocumentWithItsImagesAndTheDocumentsSharingItsTags() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		String source = sources.create(UUID.randomUUID(), "tagged", "").get("id").asString();
		String other = sources.create(UUID.randomUUID(), "other", "").get("id").asString();
		String deploy = sources.upsert(source, "deploy.md",
				"\"tags\":[\"ops\",\"release\"],\"modified_at\":\"2024-05-01T00:00:00Z\"");
		String rollback = sources.upsert(source, "rollback.md",
				"\"tags\":[\"ops\",\"release\"],\"modified_at\":\"2024-01-01T00:00:00Z\"");
		String oncall = sources.upsert(source, "oncall.md",
				"\"tags\":[\"ops\"],\"modified_at\":\"2024-04-01T00:00:00Z\"");
		sources.upsert(source, "recipes.md", "\"tags\":[\"food\"],\"modified_at\":\"2024-06-01T00:00:00Z\"");
		sources.upsert(other, "deploy-elsewhere.md", "\"tags\":[\"ops\",\"release\"]");
		StubServices.imagesByDocument.put(deploy, """
				[{"id":"8b0c6f5e-0000-4000-8000-000000000001","document_id":"%s",
				  "storage_path":"images/a.png","dimensions":{"width":640,"height":480}}]
				""".formatted(deploy));

		this.mvc
			.perform(get("/api/v2/documents/" + deploy).header("Authorization", bearer(TestTokens.newUser("user")))
				.header("X-Request-ID", "req-images-0001"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.document.id").value(deploy))
			.andExpect(jsonPath("$.images", hasSize(1)))
			.andExpect(jsonPath("$.images[0].storage_path").value("images/a.png"))
			.andExpect(jsonPath("$.images[0].dimensions.width").value(640))
			// both tags shared first, then one tag shared; other sources and untagged
			// never
			.andExpect(jsonPath("$.related_documents", hasSize(2)))
			.andExpect(jsonPath("$.related_documents[0].id").value(rollback))
			.andExpect(jsonPath("$.related_documents[1].id").value(oncall))
			.andExpect(jsonPath("$.warnings").doesNotExist());
		assertThat(StubServices.requestIdsByDocument).containsEntry(deploy, "req-images-0001");
	}

	@Test
	void shouldFallBackToTheLatestSiblingsWhenNoDocumentSharesATag() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		String source = sources.create(UUID.randomUUID(), "siblings", "").get("id").asString();
		String lonely = sources.upsert(source, "lonely.md", "\"tags\":[\"unique\"]");
		String[] siblings = new String[7];
		for (int i = 0; i < siblings.length; i++) {
			siblings[i] = sources.upsert(source, "page-" + i + ".md",
					"\"modified_at\":\"2024-0" + (i + 1) + "-01T00:00:00Z\"");
		}
		this.mvc.perform(get("/api/v2/documents/" + lonely).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.related_documents", hasSize(5)))
			.andExpect(jsonPath("$.related_documents[0].id").value(siblings[6]))
			.andExpect(jsonPath("$.related_documents[4].id").value(siblings[2]))
			.andExpect(jsonPath("$.images").isEmpty());
	}

	@Test
	void shouldAnswerWithoutImagesAndWithAWarningWhenMultimodalServiceCannotAnswer() throws Exception {
		TestSources sources = new TestSources(this.mvc);
		String source = sources.create(UUID.randomUUID(), "no-images", "").get("id").asString();
		String document = sources.upsert(source, "diagram.md", "");
		StubServices.imagesByDocument.put(document, "[{\"id\":\"x\"}]");
		StubServices.imagesDown = true;
		this.mvc.perform(get("/api/v2/documents/" + document).header("Authorization", bearer(admin())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.document.id").value(document))
			.andExpect(jsonPath("$.images").isEmpty())
			.andExpect(jsonPath("$.warnings[0]", containsString("Images are unavailable")));
	}

	@Test
	void shouldRefuseAPageSizeOutOfRangeAndAnInvalidId() throws Exception {
		this.mvc.perform(get("/api/v2/documents?limit=0").header("Authorization", bearer(admin())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("'limit'")));
		this.mvc.perform(get("/api/v2/documents?offset=-1").header("Authorization", bearer(admin())))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v2/documents/not-a-uuid").header("Authorization", bearer(admin())))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/v2/documents")).andExpect(status().isUnauthorized());
	}

	private static org.hamcrest.Matcher<Integer> greaterOrEqual(int value) {
		return org.hamcrest.Matchers.greaterThanOrEqualTo(value);
	}

	private static JsonNode readJson(String body) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
	}

	private static int positionOf(JsonNode page, String documentId) {
		JsonNode documents = page.get("documents");
		for (int i = 0; i < documents.size(); i++) {
			if (documents.get(i).get("id").asString().equals(documentId)) {
				return i;
			}
		}
		return -1;
	}

}
