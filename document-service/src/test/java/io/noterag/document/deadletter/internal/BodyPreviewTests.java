package io.noterag.document.deadletter.internal;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyPreviewTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldMaskSecretMembersAtAnyDepthAndKeepTheRest() {
		String body = """
				{"job_id":"j1","credentials":{"refresh_token":"r1"},"items":[{"client_secret":"c1","name":"a"}],
				 "config":{"pat":"p1","workspace_url":"https://adb"},"api-key":"k1","key":"k2","keyword":"kept"}
				""";

		String preview = BodyPreview.of(this.json, body.getBytes(StandardCharsets.UTF_8), 1000);

		assertThat(preview).doesNotContain("r1", "c1", "p1", "k1", "\"k2\"")
			.contains("\"job_id\":\"j1\"", "\"name\":\"a\"", "https://adb", "\"keyword\":\"kept\"",
					"\"credentials\":\"***\"");
	}

	@Test
	void shouldCutALongBodyAndShowNothingOfABodyThatIsNotJson() {
		String body = "{\"text\":\"" + "x".repeat(100) + "\"}";

		assertThat(BodyPreview.of(this.json, body.getBytes(StandardCharsets.UTF_8), 20)).hasSize(23).endsWith("...");
		assertThat(BodyPreview.of(this.json, "password=hunter2".getBytes(StandardCharsets.UTF_8), 100)).isNull();
		assertThat(BodyPreview.of(this.json, new byte[] { (byte) 0xff, 0x00 }, 100)).isNull();
	}

}
