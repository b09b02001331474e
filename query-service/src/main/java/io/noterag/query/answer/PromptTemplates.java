package io.noterag.query.answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.vector.ChunkRecord;

import org.springframework.core.io.ClassPathResource;
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

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

	private static final List<String> KNOWN = List.of("sources", "question");

	private final String system;

	private final String user;

	private final int version;

	private final int maxSourceCharacters;

	public PromptTemplates(GenerationProperties properties) {
		this.version = properties.promptVersion();
		this.maxSourceCharacters = properties.maxSourceCharacters();
		this.system = load("system.txt");
		this.user = load("user.txt");
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
		return render(this.user, Map.of("sources", numbered(sources, maxSourceCharacters), "question", question));
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

	private static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder rendered = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(values.get(matcher.group(1))));
		}
		matcher.appendTail(rendered);
		return rendered.toString();
	}

	private String load(String name) {
		String path = "prompts/answer/v" + this.version + "/" + name;
		ClassPathResource resource = new ClassPathResource(path);
		if (!resource.exists()) {
			throw new IllegalStateException("No prompt template " + path
					+ " on the class path; check noterag.generation.prompt-version (" + this.version + ")");
		}
		try (InputStream in = resource.getInputStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				if (!KNOWN.contains(matcher.group(1))) {
					throw new IllegalStateException("The prompt template " + path + " uses the unknown placeholder {{"
							+ matcher.group(1) + "}}; known: " + KNOWN);
				}
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the prompt template " + path, ex);
		}
	}

}
