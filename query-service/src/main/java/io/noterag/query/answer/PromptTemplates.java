package io.noterag.query.answer;

import java.util.List;
import java.util.Map;

import io.noterag.query.prompt.PromptTemplate;
import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.vector.ChunkRecord;

import org.springframework.stereotype.Component;

/**
 * The prompts of written answers, from versioned template files on the class path
 * ({@code prompts/answer/v<version>/system.txt} and {@code user.txt}) rather than from
 * string literals: a new version is a new folder, and the version in use is
 * {@code noterag.generation.prompt-version}. Placeholders are {@code {{sources}}} (the
 * numbered sources) and {@code {{question}}}; an unknown placeholder fails at start-up.
 */
@Component
public class PromptTemplates {

	private static final String SETTING = "noterag.generation.prompt-version";

	private final String system;

	private final PromptTemplate user;

	private final int version;

	private final int maxSourceCharacters;

	public PromptTemplates(GenerationProperties properties) {
		this.version = properties.promptVersion();
		this.maxSourceCharacters = properties.maxSourceCharacters();
		this.system = PromptTemplate.load("answer", this.version, "system.txt", SETTING, "sources", "question").text();
		this.user = PromptTemplate.load("answer", this.version, "user.txt", SETTING, "sources", "question");
	}

	/**
	 * The system prompt.
	 * @return its text
	 */
	public String system() {
		return this.system;
	}

	/**
	 * The user prompt for a question and its sources, numbered from 1 in the given order.
	 * @param question the (standalone) question
	 * @param sources the retrieved chunks, best first
	 * @return the prompt
	 */
	public String user(String question, List<RetrievedChunk> sources) {
		return user(question, sources, this.maxSourceCharacters);
	}

	/**
	 * The user prompt with each source cut after the given number of characters.
	 * @param question the (standalone) question
	 * @param sources the retrieved chunks, best first
	 * @param maxSourceCharacters the most characters of one source's text
	 * @return the prompt
	 */
	public String user(String question, List<RetrievedChunk> sources, int maxSourceCharacters) {
		return this.user.render(Map.of("sources", numbered(sources, maxSourceCharacters), "question", question));
	}

	/**
	 * The prompt version in use.
	 * @return e.g. 1
	 */
	public int version() {
		return this.version;
	}

	private static String numbered(List<RetrievedChunk> sources, int maxSourceCharacters) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < sources.size(); i++) {
			ChunkRecord chunk = sources.get(i).chunk();
			text.append('[').append(i + 1).append("] ").append((chunk.title() != null) ? chunk.title() : "(untitled)");
			if (!chunk.heading().isBlank()) {
				text.append(" > ").append(chunk.heading());
			}
			text.append('\n');
			String body = chunk.text().strip();
			if (body.length() > maxSourceCharacters) {
				body = body.substring(0, maxSourceCharacters) + "…";
			}
			text.append(body).append("\n\n");
		}
		return text.toString().strip();
	}

}
